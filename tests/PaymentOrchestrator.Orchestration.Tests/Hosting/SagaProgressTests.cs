using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Orchestration.Tests.Hosting;

public sealed class SagaProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SagaKey Key = SagaKey.Payment(Msn.Create("123456").Value, PaymentReference.Create("order-10001").Value);

    private static VippsCommand Get(int sequence = 1) =>
        new GetPayment(Key, IdempotencyKey.Derive("get", sequence, Key), PaymentReference.Create(Key.Id).Value);

    private static SagaProgress Idle(DateTimeOffset? wakeUp = null, bool finished = false) => new(Key, [], false, wakeUp, finished);

    [Fact]
    public void a_handed_out_command_is_executed_first()
    {
        var progress = Idle(Now.AddSeconds(5)) with { Commands = [Get()], HasUnpublishedOutcomes = true };

        Assert.Equal(new ExecuteCommandStep(progress.Commands[0]), progress.Next(Now));
    }

    [Fact]
    public void outcomes_are_published_before_waiting()
    {
        Assert.IsType<PublishOutcomesStep>((Idle(Now.AddMinutes(1)) with { HasUnpublishedOutcomes = true }).Next(Now));
    }

    [Fact]
    public void a_due_wake_up_is_applied_and_a_future_one_is_waited_for()
    {
        Assert.IsType<ApplyWakeUpStep>(Idle(Now).Next(Now));
        Assert.Equal(new WaitStep(Now.AddSeconds(2)), Idle(Now.AddSeconds(2)).Next(Now));
    }

    [Fact]
    public void a_saga_waiting_only_for_input_waits_without_a_timer()
    {
        Assert.Equal(new WaitStep(null), Idle().Next(Now));
    }

    [Fact]
    public void a_finished_saga_with_nothing_pending_completes()
    {
        Assert.IsType<CompleteStep>(Idle(finished: true).Next(Now));
        Assert.IsType<WaitStep>(Idle(Now.AddDays(3), finished: true).Next(Now));
    }

    [Fact]
    public void the_runaway_guard_stops_executing_and_waits_for_the_next_wake_up()
    {
        var progress = Idle(Now.AddMinutes(2)) with { Commands = [Get()], CommandsSinceWait = SagaOrchestrationPolicy.MaxCommandsPerTurn };

        Assert.Equal(new WaitStep(Now.AddMinutes(2)), progress.Next(Now));
    }

    [Fact]
    public void after_enough_turns_the_execution_continues_as_new_and_starts_by_reading_the_saga()
    {
        var progress = Idle(Now.AddMinutes(1)) with { Turns = SagaOrchestrationPolicy.TurnsPerExecution };

        var next = Assert.IsType<ContinueAsNewStep>(progress.Next(Now));
        Assert.Equal(0, next.Input.Turns);
        Assert.IsType<ApplyWakeUpStep>(next.Input.Next(Now));
    }

    [Fact]
    public void applying_a_command_result_counts_the_command_and_keeps_the_turns()
    {
        var progress = Idle() with { Commands = [Get()], CommandsSinceWait = 3, Turns = 7 };
        var applied = Idle(Now.AddSeconds(2)) with { Commands = [Get(2)] };

        var next = progress.Applied(applied, afterCommand: true);

        Assert.Equal((4, 7), (next.CommandsSinceWait, next.Turns));
        Assert.Equal(applied.Commands, next.Commands);
        Assert.Equal(Now.AddSeconds(2), next.NextWakeUpAt);
    }

    [Fact]
    public void a_signal_adds_its_work_and_keeps_the_earlier_wake_up()
    {
        var progress = Idle(Now.AddMinutes(10)) with { CommandsSinceWait = 9, Turns = 2 };
        var signal = Idle(Now.AddMinutes(1)) with { Commands = [Get()], HasUnpublishedOutcomes = true };

        var next = progress.Signalled(signal);

        Assert.Equal(signal.Commands, next.Commands);
        Assert.True(next.HasUnpublishedOutcomes);
        Assert.Equal(Now.AddMinutes(1), next.NextWakeUpAt);
        Assert.Equal((0, 3), (next.CommandsSinceWait, next.Turns));
    }

    [Fact]
    public void an_older_signal_does_not_push_the_wake_up_later_or_reopen_a_finished_saga()
    {
        var progress = Idle(Now.AddSeconds(5), finished: true);

        var next = progress.Signalled(Idle(Now.AddHours(1)));

        Assert.Equal(Now.AddSeconds(5), next.NextWakeUpAt);
        Assert.True(next.IsFinished);
    }

    [Fact]
    public void a_fired_timer_leads_to_a_wake_up()
    {
        var next = (Idle(Now) with { Commands = [Get()] }).TimerFired();

        Assert.Empty(next.Commands);
        Assert.IsType<ApplyWakeUpStep>(next.Next(Now));
        Assert.Equal(1, next.Turns);
    }

    [Fact]
    public void a_failed_activity_waits_the_backoff_and_then_reads_the_saga_again()
    {
        var next = (Idle() with { Commands = [Get()], HasUnpublishedOutcomes = true }).Failed(Now);

        Assert.Equal(new WaitStep(Now + SagaOrchestrationPolicy.FailureBackoff), next.Next(Now));
        Assert.IsType<ApplyWakeUpStep>(next.TimerFired().Next(Now + SagaOrchestrationPolicy.FailureBackoff));
    }

    [Fact]
    public void resuming_a_missing_saga_needs_no_orchestration_and_an_existing_one_is_read_first()
    {
        Assert.False(SagaProgress.Resume(Key, null).NeedsOrchestration);
        Assert.True(Idle(Now).NeedsOrchestration);
        Assert.False(Idle().NeedsOrchestration);
    }
}
