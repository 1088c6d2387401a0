using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Epayment;

namespace PaymentOrchestrator.Orchestration.Tests.Running;

public sealed class PaymentSagaFlowTests
{
    private const string Msn = SagaHarness.Msn;

    [Fact]
    public async Task a_payment_request_creates_the_payment_at_vipps_and_publishes_its_redirect_url()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();

        var result = await h.SendAsync(Events.PaymentRequested(Msn, reference, 10_000));

        var ready = Assert.IsType<HandoffReady>(result);
        var saga = await h.SettledAsync(ready.Key);
        var state = Assert.IsType<EpaymentState>(saga.State);
        Assert.Equal(EpaymentStatus.AwaitingCustomer, state.Status);
        Assert.False(string.IsNullOrEmpty(state.RedirectUrl));
        Assert.NotNull(saga.NextWakeUpAt);
        Assert.Contains("payment.created.v1", await h.PublishedTypesAsync());
        var counters = await h.Simulator.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CallsTo("epayment.create"));
    }

    [Fact]
    public async Task a_profile_scope_reaches_vipps_with_the_payment_and_the_approved_payment_has_a_userinfo_subject()
    {
        await using var h = await SagaHarness.StartAsync();
        var scoped = Events.NewReference();
        var plain = Events.NewReference();
        await h.SendSettledAsync(Events.PaymentRequested(Msn, scoped, 10_000, profileScope: ["address", "name"]));
        await h.SendSettledAsync(Events.PaymentRequested(Msn, plain, 10_000));
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, scoped);
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, plain);

        var vipps = h.Get<VippsEpaymentClient>();
        var msn = MerchantSerialNumber.Create(Msn);
        Assert.False(string.IsNullOrEmpty((await vipps.GetPaymentAsync(msn, scoped)).Profile?.Sub));
        Assert.Null((await vipps.GetPaymentAsync(msn, plain)).Profile?.Sub);
        var state = Assert.IsType<EpaymentState>((await h.Sagas.LoadAsync(SagaHarness.PaymentKey(scoped)))!.State);
        Assert.Equal("name address", state.Request!.ProfileScope!.Value.Value);
    }

    [Fact]
    public async Task approve_capture_and_refund_move_money_once_each_and_the_timeline_tells_the_story()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = SagaHarness.PaymentKey(reference);
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000));

        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        var woken = await h.WakeAsync(key);
        Assert.Equal(EpaymentStatus.Authorized, ((EpaymentState)woken.State).Status);

        var capture = await h.SendSettledAsync(Events.CaptureRequested(Msn, reference, "ship-1", 6_000));
        Assert.Equal(6_000, ((EpaymentState)capture.State).Aggregate.Captured.MinorUnits);
        var refund = await h.SendSettledAsync(Events.RefundRequested(Msn, reference, "rf-1", 2_500));
        Assert.Equal(2_500, ((EpaymentState)refund.State).Aggregate.Refunded.MinorUnits);

        var counters = await h.Simulator.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(Msn, reference));
        Assert.Equal(1, counters.RefundsOf(Msn, reference));

        var timeline = await h.Sagas.TimelineAsync(key);
        Assert.Equal(Enumerable.Range(1, timeline.Count).Select(i => (long)i), timeline.Select(e => e.Sequence));
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.CommandQueued && e.Type == "CapturePayment");
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.Outcome && e.Type == "payment.refunded.v1");
        Assert.Contains(timeline, e => e.Kind == TimelineEntryKind.Received && e.Source == Events.Source);
        var published = await h.PublishedTypesAsync();
        Assert.Equal(["payment.created.v1", "payment.authorized.v1", "payment.captured.v1", "payment.refunded.v1"],
            published.Where(t => t is not "payment.capture-deadline-approaching.v1"));
    }

    [Fact]
    public async Task a_duplicate_delivery_of_the_same_event_is_applied_once()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var body = Events.PaymentRequested(Msn, reference, 10_000);

        var first = await h.SendAsync(body);
        await h.SettledAsync(SagaHarness.PaymentKey(reference));
        var second = await h.SendAsync(body);
        await h.SettledAsync(SagaHarness.PaymentKey(reference));

        Assert.False(Assert.IsType<HandoffReady>(first).Duplicate);
        Assert.True(Assert.IsType<HandoffReady>(second).Duplicate);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.create"));
        var received = (await h.Sagas.TimelineAsync(SagaHarness.PaymentKey(reference))).Count(e => e.Kind == TimelineEntryKind.Received && e.EventId is not null);
        Assert.Equal(1, received);
    }

    [Fact]
    public async Task two_concurrent_captures_on_one_saga_are_both_applied_without_a_lost_update()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = await h.AuthorizedPaymentAsync(reference);

        var results = await Task.WhenAll(
            h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-a", 3_000)),
            h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-b", 4_000)));

        Assert.All(results, r => Assert.False(Assert.IsType<HandoffReady>(r).Duplicate));
        await h.SettledAsync(key);
        // Whatever interleaving happened, a later wake-up finishes any capture left in the outbox.
        var final = (EpaymentState)(await h.WakeAsync(key)).State;
        Assert.Equal(7_000, final.Aggregate.Captured.MinorUnits);
        Assert.Equal(2, (await h.Simulator.Admin.GetCountersAsync()).CapturesOf(Msn, reference));
        Assert.Equal(2, final.CaptureCount);
        Assert.Equal(2, (await h.Sagas.ListOperationsAsync(key)).Captures.Count);
    }

    [Fact]
    public async Task a_capture_above_the_remaining_amount_is_rejected_with_its_reason_and_recorded()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = await h.AuthorizedPaymentAsync(reference);

        var result = await h.SendAsync(Events.CaptureRequested(Msn, reference, "too-much", 20_000));

        var rejected = Assert.IsType<HandoffRejected>(result);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
        Assert.Equal(0, (await h.Simulator.Admin.GetCountersAsync()).CapturesOf(Msn, reference));
        Assert.Contains(await h.Sagas.TimelineAsync(key), e => e.Kind == TimelineEntryKind.Rejected && e.Type == rejected.Code);
    }

    [Fact]
    public async Task a_refused_event_delivered_again_is_refused_again_with_the_same_reason_not_completed_as_a_duplicate()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        await h.AuthorizedPaymentAsync(reference);
        var body = Events.CaptureRequested(Msn, reference, "too-much", 20_000);

        var first = Assert.IsType<HandoffRejected>(await h.SendAsync(body));
        var again = Assert.IsType<HandoffRejected>(await h.SendAsync(body));

        Assert.Equal(first.Code, again.Code);
        Assert.Contains("refused when first delivered", again.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await h.Simulator.Admin.GetCountersAsync()).CapturesOf(Msn, reference));
    }

    [Fact]
    public async Task an_event_id_the_source_already_used_for_another_payment_is_refused_not_completed_as_a_duplicate()
    {
        await using var h = await SagaHarness.StartAsync();
        var first = Events.NewReference();
        var second = Events.NewReference();
        await h.AuthorizedPaymentAsync(first);
        var secondKey = await h.AuthorizedPaymentAsync(second);
        Assert.IsType<HandoffReady>(await h.SendAsync(Events.CaptureRequested(Msn, first, "capture-1", 1_000, id: "capture-1")));

        // The same id for another payment's capture: a publisher's mistake that must reach a dead letter, not vanish.
        var reused = Assert.IsType<HandoffRejected>(await h.SendAsync(Events.CaptureRequested(Msn, second, "capture-1", 1_000, id: "capture-1")));
        // And for a new payment: no saga is created under a reused id either.
        var third = Events.NewReference();
        var created = Assert.IsType<HandoffRejected>(await h.SendAsync(Events.PaymentRequested(Msn, third, 1_000, id: "capture-1")));

        Assert.Equal(IntakeRejectionCodes.EventIdReused, reused.Code);
        Assert.Contains($"payment:{first}", reused.Message, StringComparison.Ordinal);
        Assert.Equal(IntakeRejectionCodes.EventIdReused, created.Code);
        Assert.Null(await h.Sagas.LoadAsync(SagaHarness.PaymentKey(third)));
        var secondState = Assert.IsType<EpaymentState>((await h.Sagas.LoadAsync(secondKey))!.State);
        Assert.Equal(0, secondState.Aggregate.Captured.MinorUnits);
        Assert.Empty(secondState.InFlight);
    }

    [Fact]
    public async Task an_event_id_the_source_already_used_for_another_event_type_of_the_same_payment_is_refused()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        await h.AuthorizedPaymentAsync(reference);
        await h.SendSettledAsync(Events.CaptureRequested(Msn, reference, "c-1", 1_000, id: "evt-1"));

        var refund = Assert.IsType<HandoffRejected>(await h.SendAsync(Events.RefundRequested(Msn, reference, "r-1", 500, id: "evt-1")));
        var redelivery = Assert.IsType<HandoffReady>(await h.SendAsync(Events.CaptureRequested(Msn, reference, "c-1", 1_000, id: "evt-1")));

        Assert.Equal(IntakeRejectionCodes.EventIdReused, refund.Code);
        Assert.Contains("payment.capture-requested", refund.Message, StringComparison.Ordinal);
        Assert.True(redelivery.Duplicate);
    }

    [Fact]
    public async Task of_two_concurrent_deliveries_of_a_refused_event_the_one_that_loses_the_race_is_refused_too_not_completed()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = await h.AuthorizedPaymentAsync(reference);
        var body = Events.CaptureRequested(Msn, reference, "too-much", 20_000);

        // Delivery B passes intake (no marker yet); delivery A then runs start to finish and is refused.
        var late = Assert.IsType<IntakeAccepted>(await h.Get<EventIntake>().AcceptAsync(body));
        var first = Assert.IsType<HandoffRejected>(await h.SendAsync(body));
        var origin = new EventOrigin(late.Event.Envelope.Id, late.Event.Source, late.Event.Envelope.Type);
        var again = await h.Get<SagaRunner>().ApplyAsync(key, late.Event.Data, origin);

        Assert.Equal(ApplyStatus.Rejected, again.Status);
        Assert.Equal(first.Code, again.Rejection!.Code);
        Assert.Contains("refused when first delivered", again.Rejection.Reason, StringComparison.Ordinal);
        Assert.Single(await h.Sagas.TimelineAsync(key), e => e.Kind == TimelineEntryKind.Rejected);
    }

    [Fact]
    public async Task a_saga_view_takes_its_summary_from_the_same_row_read_as_its_state()
    {
        await using var h = await SagaHarness.StartAsync();
        var key = await h.AuthorizedPaymentAsync(Events.NewReference(), 10_000);

        var view = await h.Get<SagaQueries>().GetAsync(key);
        var listed = Assert.Single(await h.Sagas.ListAsync(key.Msn, key.Kind), s => s.Id == key.Id);

        Assert.NotNull(view);
        Assert.Equal(listed, view.Summary);
        Assert.Equal("Authorized", view.Summary.Status);
        Assert.Equal(view.Summary.Status, view.State.GetProperty("status").GetString());
    }

    [Fact]
    public async Task a_saga_view_shows_only_the_last_two_digits_of_the_customers_phone_number_while_vipps_got_it_whole()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var ready = Assert.IsType<HandoffReady>(await h.SendAsync(Events.PushPaymentRequested(Msn, reference, 10_000)));
        var stored = await h.SettledAsync(ready.Key);

        var view = await h.Get<SagaQueries>().GetAsync(ready.Key);

        Assert.NotNull(view);
        var shown = view.State.GetRawText() + string.Join('\n', view.Timeline.Select(e => e.Summary + e.Detail));
        Assert.DoesNotContain("4791234567", shown, StringComparison.Ordinal);
        Assert.Contains("********67", view.State.GetProperty("request").GetProperty("customerPhoneNumber").GetString(), StringComparison.Ordinal);
        Assert.Contains(view.Timeline, e => e.Detail?.Contains("********67", StringComparison.Ordinal) == true);
        // The row keeps it whole for the create call, which Vipps took.
        var state = Assert.IsType<EpaymentState>(stored.State);
        Assert.Equal("4791234567", state.Request!.CustomerPhoneNumber);
        Assert.Equal(EpaymentStatus.AwaitingCustomer, state.Status);
    }
}
