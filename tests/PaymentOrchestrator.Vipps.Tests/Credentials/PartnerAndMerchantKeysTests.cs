using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Credentials;

public class PartnerAndMerchantKeysTests
{
    [Fact]
    public async Task partner_calls_always_name_the_msn_and_the_system()
    {
        await using var host = await VippsTestHost.StartAsync();

        await host.Epayment.CreatePaymentAsync(VippsTestHost.Finland, Payments.WebRedirect(Payments.NewReference(), 100, Currency.Eur), Payments.NewKey("create"));

        var request = Assert.Single(host.Recorder.Requests, r => r.Path == "/epayment/v1/payments");
        Assert.Equal("334455", request.Header("Merchant-Serial-Number"));
        Assert.Equal("paymentorchestrator", request.Header("Vipps-System-Name"));
        Assert.Equal("1.0.0", request.Header("Vipps-System-Version"));
        Assert.Equal("po-vipps-client", request.Header("Vipps-System-Plugin-Name"));
        Assert.Equal("0.1.0", request.Header("Vipps-System-Plugin-Version"));
        Assert.StartsWith("Bearer ", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task partner_keys_for_an_unlinked_msn_get_a_permanent_403_with_the_reason()
    {
        await using var host = await VippsTestHost.StartAsync();

        var e = await Assert.ThrowsAsync<VippsApiException>(() =>
            host.Epayment.CreatePaymentAsync(VippsTestHost.Unlinked, Payments.WebRedirect(Payments.NewReference()), Payments.NewKey("create")));

        Assert.Equal(403, e.Status);
        Assert.False(e.IsTransient);
        Assert.Contains("not linked to the partner", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task merchant_keys_naming_another_msn_get_403()
    {
        await using var host = await VippsTestHost.StartAsync(test: true, configure: s => s["Vipps:MerchantKeySets:223344"] = "merchant-123456");

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(VippsTestHost.Denmark, Payments.NewReference()));

        Assert.Equal(403, e.Status);
        Assert.Contains("may not act for MSN 223344", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task partner_keys_against_the_test_environment_fail_at_the_token_with_a_clear_message()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorMode: SimulatorMode.Test);

        var e = await Assert.ThrowsAsync<VippsApiException>(() => host.Epayment.GetPaymentAsync(VippsTestHost.Norway, Payments.NewReference()));

        Assert.Equal(401, e.Status);
        Assert.Contains("Partner keys do not work in the test environment", e.Message, StringComparison.Ordinal);
        Assert.Contains("partner keys work only in production", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task management_keys_are_refused_for_money_moving_calls_before_any_request()
    {
        await using var host = await VippsTestHost.StartAsync(configure: s => s["Vipps:MerchantKeySets:123456"] = "management");

        var capture = await Assert.ThrowsAsync<VippsCredentialException>(() =>
            host.Epayment.CapturePaymentAsync(VippsTestHost.Norway, Payments.NewReference(), new Amount(Currency.Nok, 100), Payments.NewKey("capture")));
        var create = await Assert.ThrowsAsync<VippsCredentialException>(() =>
            host.Epayment.CreatePaymentAsync(VippsTestHost.Norway, Payments.WebRedirect(Payments.NewReference()), Payments.NewKey("create")));

        Assert.Equal("management", capture.KeySetName);
        Assert.Contains("never move money", create.Message, StringComparison.Ordinal);
        Assert.Empty(host.Recorder.Requests);
        var counters = await host.Admin.GetCountersAsync();
        Assert.Equal(0, counters.TokenRequests);
        Assert.Empty(counters.Calls);
    }

    [Fact]
    public async Task accounting_keys_are_refused_for_every_call_before_any_request()
    {
        await using var host = await VippsTestHost.StartAsync(configure: s => s["Vipps:MerchantKeySets:123456"] = "accounting");

        await Assert.ThrowsAsync<VippsCredentialException>(() => host.Epayment.GetPaymentAsync(VippsTestHost.Norway, Payments.NewReference()));

        Assert.Empty(host.Recorder.Requests);
        Assert.Equal(0, (await host.Admin.GetCountersAsync()).TokenRequests);
    }

    [Fact]
    public async Task an_msn_without_keys_in_test_is_refused_before_any_request()
    {
        await using var host = await VippsTestHost.StartAsync(test: true, configure: s => s.Remove("Vipps:MerchantKeySets:334455"));

        var e = await Assert.ThrowsAsync<VippsCredentialException>(() => host.Epayment.GetPaymentAsync(VippsTestHost.Finland, Payments.NewReference()));

        Assert.Contains("Vipps:MerchantKeySets:334455", e.Message, StringComparison.Ordinal);
        Assert.Empty(host.Recorder.Requests);
    }
}
