using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Orchestration.Tests.Hosting;

/// <summary>
/// The settle logic of the Functions host's Service Bus triggers (QueueTriggers.cs, compiled only for Azure packaging):
/// the pure decision, the order of signal and settle, and the whole path through a real handoff on Azurite.
/// </summary>
public sealed class MessageSettlementTests
{
    private const string Msn = SagaHarness.Msn;
    private static readonly SagaProgress SomeProgress = SagaProgress.Resume(SagaHarness.PaymentKey("ref-settle-1"), null);

    [Fact]
    public void a_refused_handoff_is_dead_lettered_with_its_code_as_reason_and_its_message_as_description()
    {
        var decision = SettleDecision.From(new HandoffRejected(IntakeRejectionCodes.WrongQueue, "payment.requested.v1 belongs on payment-requests."));

        Assert.Equal(new SettleDeadLetter(IntakeRejectionCodes.WrongQueue, "payment.requested.v1 belongs on payment-requests."), decision);
    }

    [Fact]
    public void a_refusal_without_code_or_message_still_dead_letters_with_a_reason_and_a_description()
    {
        var decision = Assert.IsType<SettleDeadLetter>(SettleDecision.From(new HandoffRejected(" ", "")));

        Assert.Equal("Rejected", decision.Reason);
        Assert.False(string.IsNullOrWhiteSpace(decision.Description));
    }

    [Fact]
    public void a_ready_handoff_fresh_or_duplicate_is_signalled_then_completed()
    {
        var fresh = SettleDecision.From(new HandoffReady(SomeProgress.Key, SomeProgress, Duplicate: false));
        var duplicate = SettleDecision.From(new HandoffReady(SomeProgress.Key, SomeProgress, Duplicate: true));

        Assert.Equal(new SettleComplete(SomeProgress), fresh);
        Assert.Equal(new SettleComplete(SomeProgress), duplicate);
    }

    [Fact]
    public async Task too_many_operations_in_flight_settles_nothing_so_the_message_is_delivered_again()
    {
        var decision = SettleDecision.From(new HandoffRejected(OperationLimits.InFlightCode, "25 captures and refunds are in flight."));
        var settler = new RecordingSettler();
        var signals = new List<SagaProgress>();

        var thrown = await Assert.ThrowsAsync<RetryLaterException>(() => MessageSettlement.SettleAsync(decision, settler, Record(signals)));

        Assert.Equal(new SettleLater(OperationLimits.InFlightCode, "25 captures and refunds are in flight."), decision);
        Assert.Equal(OperationLimits.InFlightCode, thrown.Code);
        Assert.Empty(settler.Calls);
        Assert.Empty(signals);
    }

    [Fact]
    public async Task a_refund_sent_again_under_a_new_event_id_is_handed_off_as_a_duplicate()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        var key = await h.AuthorizedPaymentAsync(reference);
        await h.SendSettledAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000));
        var handoff = new SagaHandoff(h.Get<EventIntake>(), h.Get<SagaRunner>(), h.Sagas);

        var first = await handoff.AcceptAsync(Events.RefundRequested(Msn, reference, "rf-1", 100, id: "refund-event-1"), EventTypeSets.RefundRequests);
        var again = await handoff.AcceptAsync(Events.RefundRequested(Msn, reference, "rf-1", 100, id: "refund-event-2"), EventTypeSets.RefundRequests);

        Assert.False(Assert.IsType<HandoffReady>(first).Duplicate);
        Assert.True(Assert.IsType<HandoffReady>(again).Duplicate);
        Assert.Single((await h.Sagas.ListOperationsAsync(key)).Refunds);
    }

    [Fact]
    public async Task a_dead_letter_decision_settles_the_message_once_and_signals_nothing()
    {
        var settler = new RecordingSettler();
        var signals = new List<SagaProgress>();

        await MessageSettlement.SettleAsync(new SettleDeadLetter("WrongQueue", "why"), settler, Record(signals));

        Assert.Equal(["dead-letter WrongQueue: why"], settler.Calls);
        Assert.Empty(signals);
    }

    [Fact]
    public async Task a_complete_decision_signals_the_orchestration_before_it_completes_the_message()
    {
        var settler = new RecordingSettler();
        var order = new List<string>();

        await MessageSettlement.SettleAsync(new SettleComplete(SomeProgress), settler, (p, _) =>
        {
            order.Add($"signal {p.Key}");
            Assert.Empty(settler.Calls);
            return Task.CompletedTask;
        });

        Assert.Equal([$"signal {SomeProgress.Key}"], order);
        Assert.Equal(["complete"], settler.Calls);
    }

    [Fact]
    public async Task a_failed_signal_settles_nothing_so_the_transport_redelivers_the_message()
    {
        var settler = new RecordingSettler();

        await Assert.ThrowsAsync<TimeoutException>(() => MessageSettlement.SettleAsync(
            new SettleComplete(SomeProgress), settler, (_, _) => throw new TimeoutException("the task hub did not answer")));

        Assert.Empty(settler.Calls);
    }

    [Fact]
    public async Task messages_through_a_real_handoff_are_dead_lettered_with_the_intake_reason_or_signalled_and_completed()
    {
        await using var h = await SagaHarness.StartAsync();
        var settlement = new MessageSettlement(new SagaHandoff(h.Get<EventIntake>(), h.Get<SagaRunner>(), h.Sagas));
        var reference = Events.NewReference();
        var signals = new List<SagaProgress>();

        var wrongQueue = new RecordingSettler();
        var refused = await settlement.HandleAsync(
            Events.PaymentRequested(Msn, reference, 10_000), EventTypeSets.RefundRequests, wrongQueue, Record(signals));
        var accepted = new RecordingSettler();
        var ready = await settlement.HandleAsync(
            Events.PaymentRequested(Msn, reference, 10_000, id: "pay-settle-1"), EventTypeSets.PaymentRequests, accepted, Record(signals));
        var redelivered = new RecordingSettler();
        await settlement.HandleAsync(
            Events.PaymentRequested(Msn, reference, 10_000, id: "pay-settle-1"), EventTypeSets.PaymentRequests, redelivered, Record(signals));

        Assert.Equal(IntakeRejectionCodes.WrongQueue, Assert.IsType<SettleDeadLetter>(refused).Reason);
        Assert.Single(wrongQueue.Calls, c => c.StartsWith($"dead-letter {IntakeRejectionCodes.WrongQueue}: ", StringComparison.Ordinal));
        Assert.Equal(SagaHarness.PaymentKey(reference), Assert.IsType<SettleComplete>(ready).Progress.Key);
        Assert.Equal(["complete"], accepted.Calls);
        Assert.Equal(["complete"], redelivered.Calls);
        Assert.Equal(2, signals.Count);
        Assert.All(signals, s => Assert.True(s.NeedsOrchestration));
        Assert.NotNull(await h.Sagas.LoadAsync(SagaHarness.PaymentKey(reference)));
    }

    private static Func<SagaProgress, CancellationToken, Task> Record(List<SagaProgress> signals) => (p, _) =>
    {
        signals.Add(p);
        return Task.CompletedTask;
    };

    private sealed class RecordingSettler : IMessageSettler
    {
        public List<string> Calls { get; } = [];

        public Task CompleteAsync(CancellationToken cancellationToken)
        {
            Calls.Add("complete");
            return Task.CompletedTask;
        }

        public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken)
        {
            Calls.Add($"dead-letter {reason}: {description}");
            return Task.CompletedTask;
        }
    }
}
