using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Accounts;

public sealed class AuthorizationTests : SimulatorTest
{
    [Fact]
    public async Task a_call_without_a_token_is_unauthorized()
    {
        using var caller = VippsCaller.Partner(Host);
        using var response = await caller.SendAsync(HttpMethod.Get, "epayment/v1/payments/unknown-reference", authorize: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task an_invented_token_is_unauthorized()
    {
        using var caller = VippsCaller.Partner(Host);
        caller.UseToken("eyJhbGciOi.invented.token");
        using var response = await caller.GetAsync("epayment/v1/payments/unknown-reference");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task a_token_used_with_another_key_sets_subscription_key_is_unauthorized()
    {
        using var caller = VippsCaller.Partner(Host);
        await caller.TokenAsync();
        caller.SubscriptionKey = SimulatorDefaults.MerchantSubscriptionKey(SimulatorDefaults.NorwayMsn);

        using var response = await caller.GetAsync("epayment/v1/payments/unknown-reference");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task the_secondary_subscription_key_works_with_a_token_from_the_primary()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);
        caller.SubscriptionKey = SimulatorDefaults.PartnerSecondarySubscriptionKey;

        using var response = await caller.GetAsync($"epayment/v1/payments/{reference}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task a_partner_call_without_merchant_serial_number_is_forbidden()
    {
        using var caller = VippsCaller.Partner(Host, msn: null);
        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task a_partner_call_naming_an_unlinked_msn_is_forbidden()
    {
        using var caller = VippsCaller.Partner(Host, SimulatorDefaults.UnlinkedMsn);
        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task merchant_keys_naming_another_msn_are_forbidden()
    {
        using var caller = VippsCaller.Merchant(Host, SimulatorDefaults.NorwayMsn);
        caller.Msn = SimulatorDefaults.DenmarkMsn;
        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference(), currency: "DKK"), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task merchant_keys_of_the_unlinked_sales_unit_work_for_their_own_msn()
    {
        using var caller = VippsCaller.Merchant(Host, SimulatorDefaults.UnlinkedMsn);

        var reference = await Payments.CreateAsync(caller);

        Assert.Equal(reference, (await Payments.GetAsync(caller, reference))["reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task management_keys_cannot_create_payments()
    {
        using var caller = VippsCaller.Management(Host);
        using var response = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(Payments.NewReference()), Payments.NewKey());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task management_keys_can_read_a_payment()
    {
        using var partner = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(partner);
        using var management = VippsCaller.Management(Host);

        using var response = await management.GetAsync($"epayment/v1/payments/{reference}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task a_payment_of_one_sales_unit_is_not_found_through_another()
    {
        using var norway = VippsCaller.Partner(Host, SimulatorDefaults.NorwayMsn);
        var reference = await Payments.CreateAsync(norway);
        using var denmark = VippsCaller.Partner(Host, SimulatorDefaults.DenmarkMsn);

        using var response = await denmark.GetAsync($"epayment/v1/payments/{reference}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
