using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Accounts;

public sealed class TokenExpiryTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { TokenLifetime = TimeSpan.FromMinutes(5), RateLimitsEnabled = false };

    [Fact]
    public async Task an_expired_token_is_unauthorized()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromMinutes(6));
        using var response = await caller.GetAsync($"epayment/v1/payments/{reference}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task configured_token_lifetime_is_reported_in_expires_in()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.RequestTokenAsync();

        Assert.Equal("300", (await response.ReadAsync())["expires_in"]!.GetValue<string>());
    }
}
