using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Epayment;

public sealed class PaymentLifecycleTests : SimulatorTest
{
    [Fact]
    public async Task customer_approval_authorizes_the_full_amount()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 25000);

        var payment = await Payments.GetAsync(caller, reference);

        Assert.Equal("AUTHORIZED", payment["state"]!.GetValue<string>());
        Assert.Equal(25000, payment["aggregate"]!["authorizedAmount"]!["value"]!.GetValue<long>());
    }

    [Fact]
    public async Task customer_rejection_aborts_the_payment()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);

        await Host.Admin.RejectPaymentAsync(caller.Msn!, reference);

        Assert.Equal("ABORTED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task admin_expire_expires_the_payment()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);

        await Host.Admin.ExpirePaymentAsync(caller.Msn!, reference);

        Assert.Equal("EXPIRED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_payment_nobody_acts_on_expires_after_ten_minutes_of_simulated_time()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromMinutes(9));
        Assert.Equal("CREATED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
        await Host.Admin.AdvanceClockAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("EXPIRED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task approving_an_expired_payment_is_a_conflict()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);
        await Host.Admin.ExpirePaymentAsync(caller.Msn!, reference);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Host.Admin.ApprovePaymentAsync(caller.Msn!, reference));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    [Fact]
    public async Task the_event_log_lists_created_then_authorized()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller);

        using var response = await caller.GetAsync($"epayment/v1/payments/{reference}/events");
        var names = (await response.ReadAsync()).AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList();

        Assert.Equal(["CREATED", "AUTHORIZED"], names);
    }

    [Fact]
    public async Task each_event_has_its_own_psp_reference_and_created_matches_the_payment()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller);
        var payment = await Payments.GetAsync(caller, reference);

        using var response = await caller.GetAsync($"epayment/v1/payments/{reference}/events");
        var events = (await response.ReadAsync()).AsArray();

        Assert.Equal(payment["pspReference"]!.GetValue<string>(), events[0]!["pspReference"]!.GetValue<string>());
        Assert.NotEqual(events[0]!["pspReference"]!.GetValue<string>(), events[1]!["pspReference"]!.GetValue<string>());
    }
}
