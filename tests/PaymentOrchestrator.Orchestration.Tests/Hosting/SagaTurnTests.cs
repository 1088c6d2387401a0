using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Orchestration.Tests.Hosting;

/// <summary>The orchestration's pure decisions (<see cref="SagaTurn"/>) and the advance activity's (<see cref="SagaAdvance"/>).</summary>
public sealed class SagaTurnTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SagaKey Key = SagaKey.Payment(Msn.Create("123456").Value, PaymentReference.Create("order-10001").Value);

    private static VippsCommand Get(int sequence = 1) =>
        new GetPayment(Key, IdempotencyKey.Derive("get", sequence, Key), PaymentReference.Create(Key.Id).Value);

    private static readonly TimeSpan Slack = SagaOrchestrationPolicy.TimerSlack;

    private static SagaTurn Idle(DateTimeOffset? wakeUp = null, bool finished = false) => new(Key, false, wakeUp, finished);

    private static EpaymentState WithHead(VippsCommand command, DateTimeOffset? issuedAt) =>
        EpaymentState.New(Key) with { Core = SagaCore.Empty with { Outbox = [new OutboxEntry(command, 0, Now, issuedAt, null)] } };

    [Fact]
    public void a_new_execution_advances_first()
    {
        Assert.IsType<AdvanceStep>(SagaTurn.Start(Key).Next(Now));
    }

    [Fact]
    public void a_due_wake_up_is_advanced_and_a_future_one_is_waited_for()
    {
        Assert.IsType<AdvanceStep>(Idle(Now).Next(Now));
        Assert.IsType<AdvanceStep>(Idle(DateTimeOffset.MinValue).Next(Now));
        Assert.Equal(new WaitStep(Now.AddSeconds(2) + Slack), Idle(Now.AddSeconds(2)).Next(Now));
    }

    [Fact]
    public void a_saga_waiting_only_for_input_waits_without_a_timer()
    {
        Assert.Equal(new WaitStep(null), Idle().Next(Now));
    }

    [Fact]
    public void a_wake_up_beyond_the_parking_horizon_waits_for_a_signal_only_and_one_within_it_keeps_its_timer()
    {
        var horizon = SagaOrchestrationPolicy.ParkingHorizon;
        Assert.Equal(new WaitStep(Now + horizon + Slack), Idle(Now + horizon).Next(Now));
        Assert.Equal(new WaitStep(null), Idle(Now + horizon + TimeSpan.FromSeconds(1)).Next(Now));
        Assert.Equal(new WaitStep(null), Idle(Now.AddDays(6)).Next(Now));
        // The same wake-up gets its timer once it is within the horizon (a signal woke the saga early).
        Assert.Equal(new WaitStep(Now.AddDays(6) + Slack), Idle(Now.AddDays(6)).Next(Now.AddDays(6) - horizon));
    }

    [Fact]
    public void the_back_off_after_a_failed_advance_keeps_its_timer_and_the_next_advance_parks_again()
    {
        var failed = (Idle() with { AdvanceNow = true }).Failed(Now);
        Assert.True(SagaOrchestrationPolicy.FailureBackoff > SagaOrchestrationPolicy.ParkingHorizon);
        Assert.Equal(new WaitStep(Now + SagaOrchestrationPolicy.FailureBackoff + Slack), failed.Next(Now));

        var advanced = failed.Woken().Advanced(new SagaAdvance(Key, false, Now.AddDays(2), false));
        Assert.Equal(new WaitStep(null), advanced.Next(Now.AddMinutes(5)));
    }

    [Fact]
    public void a_finished_saga_with_nothing_pending_completes()
    {
        Assert.IsType<CompleteStep>(Idle(finished: true).Next(Now));
        Assert.IsType<WaitStep>(Idle(Now.AddDays(3), finished: true).Next(Now));
    }

    [Fact]
    public void more_to_do_now_advances_again_until_the_runaway_guard_waits_for_the_next_wake_up()
    {
        var busy = Idle(Now.AddSeconds(50)) with { AdvanceNow = true };

        Assert.IsType<AdvanceStep>(busy.Next(Now));
        Assert.Equal(new WaitStep(Now.AddSeconds(50) + Slack), (busy with { AdvancesSinceWait = SagaOrchestrationPolicy.MaxCommandsPerTurn }).Next(Now));
    }

    [Fact]
    public void a_timer_that_fired_early_waits_for_its_wake_up_plus_the_slack_and_never_spins()
    {
        // The engine fired the timer for Now + 0.5 s at Now (whole-second queue visibility): the advance found nothing
        // due and hands back the same wake-up. The next timer is after it, not at it, so it cannot fire early again.
        var early = Idle(Now.AddMilliseconds(500)).Woken().Advanced(new SagaAdvance(Key, false, Now.AddMilliseconds(500), false));
        Assert.Equal(new WaitStep(Now.AddMilliseconds(500) + Slack), early.Next(Now));

        // An advance whose clock lags the orchestration's leaves a wake-up the orchestration sees as past: after the
        // runaway guard the timer is still the slack from now, not in the past (which would fire at once).
        var lagging = Idle(Now.AddSeconds(-3)) with { AdvancesSinceWait = SagaOrchestrationPolicy.MaxCommandsPerTurn };
        Assert.Equal(new WaitStep(Now + Slack), lagging.Next(Now));
    }

    [Fact]
    public void after_enough_turns_the_execution_continues_as_new_once_nothing_is_due()
    {
        var turn = Idle(Now.AddMinutes(1)) with { Turns = SagaOrchestrationPolicy.TurnsPerExecution };

        Assert.IsType<ContinueAsNewStep>(turn.Next(Now));
        Assert.IsType<AdvanceStep>((turn with { AdvanceNow = true }).Next(Now));
    }

    [Fact]
    public void an_advance_takes_the_rows_view_counts_itself_and_keeps_the_turns()
    {
        var turn = Idle() with { AdvanceNow = true, AdvancesSinceWait = 3, Turns = 7 };

        var next = turn.Advanced(new SagaAdvance(Key, true, Now.AddSeconds(2), false));

        Assert.Equal((true, Now.AddSeconds(2), 4, 7), (next.AdvanceNow, next.WakeUpAt, next.AdvancesSinceWait, next.Turns));
    }

    [Fact]
    public void a_signal_or_a_fired_timer_advances_and_starts_a_new_turn()
    {
        var next = (Idle(Now.AddMinutes(10)) with { AdvancesSinceWait = 9, Turns = 2 }).Woken();

        Assert.IsType<AdvanceStep>(next.Next(Now));
        Assert.Equal((0, 3), (next.AdvancesSinceWait, next.Turns));
    }

    [Fact]
    public void a_failed_advance_waits_the_backoff_and_then_reads_the_saga_again()
    {
        var next = (Idle() with { AdvanceNow = true }).Failed(Now);

        Assert.Equal(new WaitStep(Now + SagaOrchestrationPolicy.FailureBackoff + Slack), next.Next(Now));
        Assert.IsType<AdvanceStep>(next.Woken().Next(Now + SagaOrchestrationPolicy.FailureBackoff));
    }

    [Fact]
    public void the_advance_executes_a_handed_out_head_and_leaves_one_waiting_for_its_due_time()
    {
        Assert.Equal(Get(), SagaAdvance.CommandToExecute(WithHead(Get(), Now)));
        Assert.Null(SagaAdvance.CommandToExecute(WithHead(Get(), issuedAt: null)));
        Assert.Null(SagaAdvance.CommandToExecute(EpaymentState.New(Key)));
    }

    [Fact]
    public void a_wake_up_is_due_at_its_time_and_not_before()
    {
        Assert.True(SagaAdvance.IsWakeUpDue(Now, Now));
        Assert.False(SagaAdvance.IsWakeUpDue(Now.AddSeconds(1), Now));
        Assert.False(SagaAdvance.IsWakeUpDue(null, Now));
    }

    [Fact]
    public void more_is_to_do_when_a_new_command_is_handed_out_not_when_the_executed_one_is_still_there()
    {
        Assert.True(SagaAdvance.After(Key, WithHead(Get(2), Now), Now.AddMinutes(1), Get(1).Key).MoreNow);
        Assert.False(SagaAdvance.After(Key, WithHead(Get(1), Now), Now.AddMinutes(1), Get(1).Key).MoreNow);
        Assert.True(SagaAdvance.After(Key, WithHead(Get(1), Now), null, executed: null).MoreNow);
        Assert.False(SagaAdvance.After(Key, EpaymentState.New(Key), null, Get(1).Key).MoreNow);
    }

    [Fact]
    public void resuming_a_missing_saga_needs_no_orchestration_and_an_existing_one_is_read_first()
    {
        Assert.False(SagaProgress.Resume(Key, null).NeedsOrchestration);
        Assert.True(new SagaProgress(Key, [], false, Now, false).NeedsOrchestration);
        Assert.False(new SagaProgress(Key, [], false, null, false).NeedsOrchestration);
    }
}
