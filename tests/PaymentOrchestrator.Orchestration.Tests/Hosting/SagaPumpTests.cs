using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Orchestration.Tests.Hosting;

/// <summary>
/// The Functions host's split, end to end on Azurite and the simulator: the trigger side (<see cref="SagaHandoff"/>)
/// and the orchestration's steps (<see cref="SagaTurn.Next"/> performed with <see cref="SagaActivities.AdvanceAsync"/>
/// through the same JSON strings Durable carries) — everything but the Durable runtime itself.
/// </summary>
public sealed class SagaPumpTests
{
    private const string Msn = OrchestratorHarness.Msn;

    [Fact]
    public async Task a_payment_is_created_authorized_and_captured_once_through_handoff_signals_and_timers()
    {
        await using var h = await OrchestratorHarness.StartAsync();
        var (handoff, pump) = Wire(h);
        var reference = Events.NewReference();
        var key = OrchestratorHarness.PaymentKey(reference);

        var requested = Assert.IsType<HandoffReady>(await handoff.AcceptAsync(Events.PaymentRequested(Msn, reference, 10_000)));
        Assert.Equal(SagaKind.Payment, requested.Key.Kind);
        Assert.True(requested.Progress.NeedsOrchestration);
        var waiting = await pump.RunAsync(SagaTurn.Start(requested.Key));
        Assert.Equal(EpaymentStatus.AwaitingCustomer, ((EpaymentState)(await h.Sagas.LoadAsync(key))!.State).Status);
        Assert.NotNull(waiting.WakeUpAt);

        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        h.Clock.SetUtcNow(waiting.WakeUpAt!.Value);
        var authorized = await pump.RunAsync(waiting.Woken());
        Assert.Equal(EpaymentStatus.Authorized, ((EpaymentState)(await h.Sagas.LoadAsync(key))!.State).Status);

        var capture = Assert.IsType<HandoffReady>(await handoff.AcceptAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000, id: "cap-1")));
        Assert.NotEmpty(capture.Progress.Commands);
        await pump.RunAsync(authorized.Woken());

        var state = (EpaymentState)(await h.Sagas.LoadAsync(key))!.State;
        Assert.Equal(10_000, state.Aggregate.Captured.MinorUnits);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CapturesOf(Msn, reference));
        Assert.Equal(["payment.created.v1", "payment.authorized.v1", "payment.captured.v1"],
            (await h.PublishedTypesAsync()).Where(t => t is not "payment.capture-deadline-approaching.v1"));
        Assert.Equal(0, (await h.Sagas.LoadAsync(key))!.UnpublishedOutcomeCount);
        Assert.Empty(await h.Sagas.ListUnpublishedOutcomesAsync(key, 100));
    }

    [Fact]
    public async Task a_redelivered_message_resumes_the_saga_from_its_row_and_moves_no_money_twice()
    {
        await using var h = await OrchestratorHarness.StartAsync();
        var (handoff, pump) = Wire(h);
        var reference = Events.NewReference();
        var key = OrchestratorHarness.PaymentKey(reference);
        var request = Events.PaymentRequested(Msn, reference, 10_000, id: "pay-1");

        // The trigger saved the input, then the host died before it signalled the orchestration.
        Assert.IsType<HandoffReady>(await handoff.AcceptAsync(request));
        var redelivered = Assert.IsType<HandoffReady>(await handoff.AcceptAsync(request));
        Assert.True(redelivered.Duplicate);
        Assert.True(redelivered.Progress.NeedsOrchestration);

        // The orchestration started from the row alone executes the handed-out create with its stored key.
        await pump.RunAsync(SagaTurn.Start(redelivered.Key));

        Assert.Equal(EpaymentStatus.AwaitingCustomer, ((EpaymentState)(await h.Sagas.LoadAsync(key))!.State).Status);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.create"));
    }

    [Fact]
    public async Task refused_events_come_back_with_the_reason_to_dead_letter_and_nothing_is_called()
    {
        await using var h = await OrchestratorHarness.StartAsync();
        var (handoff, _) = Wire(h);
        var reference = Events.NewReference();

        var unknown = Assert.IsType<HandoffRejected>(await handoff.AcceptAsync(Events.PaymentRequested("99999", reference, 10_000)));
        var wrongQueue = Assert.IsType<HandoffRejected>(await handoff.AcceptAsync(
            Events.PaymentRequested(Msn, reference, 10_000), Processing.EventTypeSets.RefundRequests));
        var noPayment = Assert.IsType<HandoffRejected>(await handoff.AcceptAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000)));

        Assert.Equal(IntakeRejectionCodes.UnknownSalesUnit, unknown.Code);
        Assert.Equal(IntakeRejectionCodes.WrongQueue, wrongQueue.Code);
        Assert.False(string.IsNullOrEmpty(noPayment.Message));
        Assert.Equal(0, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.create"));
    }

    [Fact]
    public async Task a_webhook_signal_for_an_unknown_saga_is_nothing_to_run()
    {
        await using var h = await OrchestratorHarness.StartAsync();
        var (handoff, _) = Wire(h);

        Assert.Null(await handoff.SignalAsync(OrchestratorHarness.PaymentKey(Events.NewReference()), new WebhookReceived("epayments.payment.authorized.v1")));
    }

    private static (SagaHandoff Handoff, Pump Pump) Wire(OrchestratorHarness h)
    {
        var handoff = new SagaHandoff(h.Get<EventIntake>(), h.Get<SagaRunner>(), h.Sagas);
        var activities = new SagaActivities(h.Get<SagaRunner>(), h.Get<ICommandExecutor>(), h.Get<IOutcomePublisher>(), h.Sagas, h.Clock);
        return (handoff, new Pump(activities, h));
    }

    /// <summary>Performs steps as the Functions orchestrator does, until it would wait or complete.</summary>
    private sealed class Pump(SagaActivities activities, OrchestratorHarness h)
    {
        public async Task<SagaTurn> RunAsync(SagaTurn turn)
        {
            for (var steps = 0; steps < 200; steps++)
            {
                switch (turn.Next(h.Clock.GetUtcNow()))
                {
                    case AdvanceStep:
                        turn = turn.Advanced(SagaHostingJson.ReadAdvance(await activities.AdvanceAsync(SagaHostingJson.Write(turn.Key))));
                        break;
                    case ContinueAsNewStep:
                        turn = SagaTurn.Start(turn.Key);
                        break;
                    default:
                        return turn;
                }
            }

            throw new InvalidOperationException("The saga did not come to rest within 200 steps.");
        }
    }
}
