using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Accounts;

public sealed class TestModeTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { Mode = SimulatorMode.Test, RateLimitsEnabled = false };

    [Fact]
    public async Task partner_keys_are_refused_in_test_mode()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task merchant_keys_work_in_test_mode()
    {
        using var caller = VippsCaller.Merchant(Host);
        var reference = await Payments.CreateAsync(caller);

        Assert.Equal("CREATED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task force_approve_with_a_phone_number_authorizes_the_payment_in_test_mode()
    {
        using var caller = VippsCaller.Merchant(Host);
        var reference = await Payments.CreateAsync(caller);

        using var response = await caller.PostAsync($"epayment/v1/test/payments/{reference}/approve",
            new { customer = new { phoneNumber = "4791234567" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("AUTHORIZED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task force_approve_with_the_token_from_redirect_url_authorizes_the_payment()
    {
        using var caller = VippsCaller.Merchant(Host);
        var reference = Payments.NewReference();
        using var created = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(reference), Payments.NewKey());
        var redirectUrl = new Uri((await created.ReadAsync())["redirectUrl"]!.GetValue<string>());
        var token = System.Web.HttpUtility.ParseQueryString(redirectUrl.Query)["token"];

        using var response = await caller.PostAsync($"epayment/v1/test/payments/{reference}/approve", new { token });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("AUTHORIZED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }
}
