using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Accounts;

public sealed class AccessTokenTests : SimulatorTest
{
    [Fact]
    public async Task token_response_carries_every_number_as_a_string_like_vipps()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadAsync();
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal("3600", body["expires_in"]!.GetValue<string>());
        Assert.Equal("3600", body["ext_expires_in"]!.GetValue<string>());
        var notBefore = long.Parse(body["not_before"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var expiresOn = long.Parse(body["expires_on"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3600, expiresOn - notBefore);
        Assert.Equal(3, body["access_token"]!.GetValue<string>().Split('.').Length);
    }

    [Fact]
    public async Task secondary_subscription_key_also_gets_a_token()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.RequestTokenAsync(SimulatorDefaults.PartnerSecondarySubscriptionKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task wrong_client_secret_is_unauthorized()
    {
        using var caller = new VippsCaller(Host, SimulatorDefaults.PartnerClientId, "wrong", SimulatorDefaults.PartnerSubscriptionKey, null);
        using var response = await caller.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task subscription_key_of_another_key_set_is_unauthorized_at_the_token_endpoint()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.RequestTokenAsync(SimulatorDefaults.MerchantSubscriptionKey(SimulatorDefaults.NorwayMsn));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task token_requests_are_counted()
    {
        using var caller = VippsCaller.Partner(Host);
        var before = (await Host.Admin.GetCountersAsync()).TokenRequests;
        using var first = await caller.RequestTokenAsync();
        using var second = await caller.RequestTokenAsync();

        Assert.Equal(before + 2, (await Host.Admin.GetCountersAsync()).TokenRequests);
    }
}
