using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Functions.Tests.Support;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Functions.Tests;

/// <summary>
/// Agreements and charges through the real <see cref="SagaOrchestration"/> and activities. Durable timers run on real
/// time, so where Vipps' side must be days later the simulator's clock is moved and the saga is then handed in again
/// (by the webhook Vipps sends), as the local host does after moving its shared clock.
/// </summary>
public sealed class RecurringOrchestrationTests
{
    private const string Msn = DurableHarness.Msn;
    private static readonly TimeSpan PollAfterOneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task an_agreement_accepted_by_the_customer_is_seen_by_a_poll_and_its_charge_is_charged_after_the_simulator_clock_passes_its_due_date()
    {
        await using var h = await DurableHarness.StartAsync(PollAfterOneSecond);
        var subscription = "sub-" + Guid.NewGuid().ToString("N")[..12];
        var chargeId = "chg-" + Guid.NewGuid().ToString("N")[..12];
        var agreementKey = DurableHarness.AgreementKey(subscription);
        var chargeKey = DurableHarness.ChargeKey(chargeId);

        // The agreement is drafted at Vipps; the customer accepts in the app; a durable-timer poll reads it ACTIVE.
        Assert.Equal("complete", await h.SendAsync(Events.AgreementRequested(Msn, subscription, 29_900), EventTypeSets.PaymentRequests));
        var pending = await h.WaitForAsync<AgreementState>(agreementKey, s => s.Status == AgreementStatus.Pending && s.AgreementId is not null);
        var agreementId = pending.AgreementId!;
        Assert.False(string.IsNullOrEmpty(pending.ConfirmationUrl));
        await h.Simulator.Admin.AcceptAgreementAsync(Msn, agreementId);
        await h.WaitForAsync<AgreementState>(agreementKey, s => s.Status == AgreementStatus.Active);
        Assert.True((await h.Simulator.Admin.GetCountersAsync()).CallsTo("recurring.agreement.get") >= 1);

        // A charge due in two days (the earliest Vipps allows) is created and read back PENDING/DUE.
        var due = DateOnly.FromDateTime((await h.Simulator.Admin.GetTimeAsync()).UtcDateTime).AddDays(2);
        Assert.Equal("complete", await h.SendAsync(Events.ChargeRequested(Msn, chargeId, agreementId, 29_900, due), EventTypeSets.PaymentRequests));
        await h.WaitForAsync<ChargeState>(chargeKey, s => s.Status is ChargeStatus.Pending or ChargeStatus.Due);

        // Three days pass at Vipps: it charges on the due date and sends its webhook, which hands the saga in again.
        await h.Simulator.Admin.AdvanceClockAsync(TimeSpan.FromDays(3));
        await h.WebhookAsync(chargeKey, "recurring.charge-captured.v1");

        var charged = await h.WaitForAsync<ChargeState>(chargeKey, s => s.Status == ChargeStatus.Charged);
        Assert.Equal(29_900, charged.Summary.Captured.MinorUnits);
        await h.WaitForPublishedAsync(OutgoingEventTypes.ChargeCharged);
        var published = await h.PublishedTypesAsync();
        foreach (var type in new[] { OutgoingEventTypes.AgreementPending, OutgoingEventTypes.AgreementActivated, OutgoingEventTypes.ChargeCharged })
        {
            Assert.Single(published, t => t == type);
        }

        var counters = await h.Simulator.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CallsTo("recurring.agreement.create"));
        Assert.Equal(1, counters.CallsTo("recurring.charge.create"));
    }

    [Fact]
    public async Task an_initial_charge_reserved_at_acceptance_is_handed_to_a_saga_the_activitys_durable_client_starts_and_captured()
    {
        await using var h = await DurableHarness.StartAsync(PollAfterOneSecond);
        var subscription = "sub-" + Guid.NewGuid().ToString("N")[..12];
        var agreementKey = DurableHarness.AgreementKey(subscription);

        Assert.Equal("complete", await h.SendAsync(Events.AgreementRequested(Msn, subscription, 14_900, initialCharge: "RESERVE_CAPTURE"), EventTypeSets.PaymentRequests));
        var pending = await h.WaitForAsync<AgreementState>(agreementKey, s => s.Status == AgreementStatus.Pending && s.InitialChargeId is not null);
        await h.Simulator.Admin.AcceptAgreementAsync(Msn, pending.AgreementId!);

        // No event names the initial charge: its saga exists because the agreement's step handed it over.
        var chargeKey = DurableHarness.ChargeKey(pending.InitialChargeId!);
        await h.WaitForAsync<ChargeState>(chargeKey, s => s.Status == ChargeStatus.Reserved);
        await h.WaitForPublishedAsync(OutgoingEventTypes.ChargeReserved);
        Assert.Equal("complete", await h.SendAsync(Events.ChargeCaptureRequested(Msn, pending.InitialChargeId!, "cap-1", 14_900), EventTypeSets.PaymentRequests));

        var charged = await h.WaitForAsync<ChargeState>(chargeKey, s => s.Status == ChargeStatus.Charged);
        Assert.Equal(14_900, charged.Summary.Captured.MinorUnits);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("recurring.charge.capture"));
    }

    [Fact]
    public async Task a_charge_is_read_charged_when_the_saga_is_handed_in_again_after_the_clock_it_shares_with_vipps_passes_the_due_date()
    {
        var clock = new SharedClock();
        await using var h = await DurableHarness.StartAsync(TimeSpan.FromMinutes(10), clock: clock);
        var subscription = "sub-" + Guid.NewGuid().ToString("N")[..12];
        var chargeId = "chg-" + Guid.NewGuid().ToString("N")[..12];
        var agreementKey = DurableHarness.AgreementKey(subscription);
        var chargeKey = DurableHarness.ChargeKey(chargeId);

        // No poll is due for ten minutes: the customer's acceptance is seen through Vipps' webhook signal.
        Assert.Equal("complete", await h.SendAsync(Events.AgreementRequested(Msn, subscription, 29_900), EventTypeSets.PaymentRequests));
        var agreementId = (await h.WaitForAsync<AgreementState>(agreementKey, s => s.Status == AgreementStatus.Pending && s.AgreementId is not null)).AgreementId!;
        await h.Simulator.Admin.AcceptAgreementAsync(Msn, agreementId);
        await h.WebhookAsync(agreementKey, "recurring.agreement-activated.v1");
        await h.WaitForAsync<AgreementState>(agreementKey, s => s.Status == AgreementStatus.Active);

        // The charge is created and read once; its next read is on the due day, two days away on either clock.
        var due = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(2);
        Assert.Equal("complete", await h.SendAsync(Events.ChargeRequested(Msn, chargeId, agreementId, 29_900, due), EventTypeSets.PaymentRequests));
        await h.WaitForAsync<ChargeState>(chargeKey, s => s.Status is ChargeStatus.Pending or ChargeStatus.Due
            && s.Core.PollCount >= 1 && s.Core.Head is null && s.Core.NextPollAt > clock.GetUtcNow().AddDays(1));

        // Three days pass for the sagas and Vipps alike; Vipps charges (its sweep), and the saga, handed in again from
        // its row as the local host does after moving its clock, finds its due-day read overdue.
        clock.Advance(TimeSpan.FromDays(3));
        await h.Simulator.Admin.AdvanceClockAsync(TimeSpan.Zero);
        await h.HandInAgainAsync(chargeKey);

        var charged = await h.WaitForAsync<ChargeState>(chargeKey, s => s.Status == ChargeStatus.Charged);
        Assert.Equal(29_900, charged.Summary.Captured.MinorUnits);
        await h.WaitForPublishedAsync(OutgoingEventTypes.ChargeCharged);
        Assert.Single(await h.PublishedTypesAsync(), t => t == OutgoingEventTypes.ChargeCharged);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("recurring.charge.create"));
    }
}
