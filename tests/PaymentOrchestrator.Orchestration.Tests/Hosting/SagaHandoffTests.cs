using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Testing.Sagas;

namespace PaymentOrchestrator.Orchestration.Tests.Hosting;

/// <summary>
/// The hosts' split, end to end on Azurite and the simulator: the trigger side (<see cref="SagaHandoff"/>) and the real
/// saga orchestration on the in-process Durable Task test host, signalled by the hosts' one hand-off rule.
/// </summary>
public sealed class SagaHandoffTests
{
    private const string Msn = SagaHarness.Msn;

    [Fact]
    public async Task a_payment_is_created_authorized_and_captured_once_through_handoff_signals_and_timers()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = SagaHarness.PaymentKey(reference);

        var requested = Assert.IsType<HandoffReady>(await h.Handoff.AcceptAsync(Events.PaymentRequested(Msn, reference, 10_000)));
        Assert.Equal(SagaKind.Payment, requested.Key.Kind);
        Assert.True(requested.Progress.NeedsOrchestration);
        Assert.False(requested.Progress.OrchestrationRuns);
        await h.SignalAsync(requested.Progress);
        var waiting = await h.SettledAsync(key);
        Assert.Equal(EpaymentStatus.AwaitingCustomer, ((EpaymentState)waiting.State).Status);
        Assert.NotNull(waiting.NextWakeUpAt);

        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        var authorized = await h.WakeAsync(key);
        Assert.Equal(EpaymentStatus.Authorized, ((EpaymentState)authorized.State).Status);

        var capture = Assert.IsType<HandoffReady>(await h.Handoff.AcceptAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000, id: "cap-1")));
        Assert.NotEmpty(capture.Progress.Commands);
        // The authorized row waits for its capture deadline: its orchestration runs, so the capture is raised to it
        // without asking first — and is captured.
        Assert.True(capture.Progress.OrchestrationRuns);
        await h.SignalAsync(capture.Progress);

        var state = (EpaymentState)(await h.SettledAsync(key)).State;
        Assert.Equal(10_000, state.Aggregate.Captured.MinorUnits);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CapturesOf(Msn, reference));
        Assert.Equal(["payment.created.v1", "payment.authorized.v1", "payment.captured.v1"],
            (await h.PublishedTypesAsync()).Where(t => t is not "payment.capture-deadline-approaching.v1"));
        Assert.Equal(0, (await h.Sagas.LoadAsync(key))!.UnpublishedOutcomeCount);
        Assert.Empty(await h.Sagas.ListUnpublishedOutcomesAsync(key, 100));
    }

    [Fact]
    public async Task a_refund_handed_in_with_a_key_name_records_it_with_its_source_and_time_and_one_from_a_queue_records_only_its_source()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = await h.AuthorizedPaymentAsync(reference);
        await h.SendSettledAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000));

        Assert.IsType<HandoffReady>(await h.Handoff.AcceptAsync(
            Events.RefundRequested(Msn, reference, "by-api", 100, id: "refund-api"), EventTypeSets.RefundRequests, keyName: "finance-desk"));
        Assert.IsType<HandoffReady>(await h.Handoff.AcceptAsync(
            Events.RefundRequested(Msn, reference, "by-queue", 200, id: "refund-queue"), EventTypeSets.RefundRequests));

        var refunds = (await h.Sagas.ListOperationsAsync(key)).Refunds;
        var api = Assert.Single(refunds, r => r.RefundId == "by-api");
        var queued = Assert.Single(refunds, r => r.RefundId == "by-queue");
        Assert.Equal(("finance-desk", Events.Source), (api.RequestedByKey, api.RequestedBySource));
        Assert.Equal("finance@acme.example", api.RequestedBy);
        Assert.NotNull(api.RequestedAt);
        Assert.Equal(((string?)null, Events.Source), (queued.RequestedByKey, queued.RequestedBySource));
        Assert.NotNull(queued.RequestedAt);
    }

    [Fact]
    public async Task a_redelivered_message_resumes_the_saga_from_its_row_and_moves_no_money_twice()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = SagaHarness.PaymentKey(reference);
        var request = Events.PaymentRequested(Msn, reference, 10_000, id: "pay-1");

        // The trigger saved the input, then the host died before it signalled the orchestration.
        Assert.IsType<HandoffReady>(await h.Handoff.AcceptAsync(request));
        var redelivered = Assert.IsType<HandoffReady>(await h.Handoff.AcceptAsync(request));
        Assert.True(redelivered.Duplicate);
        Assert.True(redelivered.Progress.NeedsOrchestration);

        // The orchestration started from the row alone executes the handed-out create with its stored key.
        await h.SignalAsync(redelivered.Progress);

        Assert.Equal(EpaymentStatus.AwaitingCustomer, ((EpaymentState)(await h.SettledAsync(key)).State).Status);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.create"));
    }

    [Fact]
    public async Task refused_events_come_back_with_the_reason_to_dead_letter_and_nothing_is_called()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();

        var unknown = Assert.IsType<HandoffRejected>(await h.SendAsync(Events.PaymentRequested("99999", reference, 10_000)));
        var wrongQueue = Assert.IsType<HandoffRejected>(await h.SendAsync(
            Events.PaymentRequested(Msn, reference, 10_000), Processing.EventTypeSets.RefundRequests));
        var noPayment = Assert.IsType<HandoffRejected>(await h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000)));

        Assert.Equal(IntakeRejectionCodes.UnknownSalesUnit, unknown.Code);
        Assert.Equal(IntakeRejectionCodes.WrongQueue, wrongQueue.Code);
        Assert.False(string.IsNullOrEmpty(noPayment.Message));
        Assert.Equal(0, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.create"));
    }

    [Fact]
    public async Task a_webhook_signal_for_an_unknown_saga_is_nothing_to_run()
    {
        await using var h = await SagaHarness.StartAsync();

        Assert.Null(await h.Handoff.SignalAsync(SagaHarness.PaymentKey(Events.NewReference()), new WebhookReceived("epayments.payment.authorized.v1")));
    }
}
