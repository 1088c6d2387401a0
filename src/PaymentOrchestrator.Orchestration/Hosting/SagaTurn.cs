using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// What a saga's orchestration knows between its steps: whether to advance the saga now, when it wants to be woken,
/// whether it is finished — plus two counters that bound one execution. The saga row is the truth: every advance reads
/// it again, so a signal only wakes the orchestration. All transitions are pure, so the orchestrator replays
/// deterministically and the logic is tested without I/O.
/// </summary>
/// <param name="Key">The saga.</param>
/// <param name="AdvanceNow">Run the advance activity next (a new execution, a signal, a due timer, more commands).</param>
/// <param name="WakeUpAt">When the saga wants to be woken; <see cref="DateTimeOffset.MinValue"/> means "now".</param>
/// <param name="IsFinished">The saga reached a final state.</param>
/// <param name="AdvancesSinceWait">Advances run since the last wait (the runaway guard).</param>
/// <param name="Turns">Waits in this execution (bounds the history).</param>
/// <param name="BackingOff">The wake-up is the orchestration's own back-off after a failed advance, not the saga's.</param>
public sealed record SagaTurn(
    SagaKey Key,
    bool AdvanceNow,
    DateTimeOffset? WakeUpAt,
    bool IsFinished,
    int AdvancesSinceWait = 0,
    int Turns = 0,
    bool BackingOff = false)
{
    /// <summary>A new execution (a start or a continue-as-new): read the saga first.</summary>
    public static SagaTurn Start(SagaKey key) => new(key, true, null, false);

    /// <summary>The next step at <paramref name="now"/> (the orchestration's replay-safe clock).</summary>
    public SagaStep Next(DateTimeOffset now)
    {
        if (AdvancesSinceWait < SagaOrchestrationPolicy.MaxCommandsPerTurn
            && (AdvanceNow || (WakeUpAt is { } due && due <= now)))
        {
            return new AdvanceStep();
        }

        if (Turns >= SagaOrchestrationPolicy.TurnsPerExecution)
        {
            return new ContinueAsNewStep();
        }

        if (IsFinished && WakeUpAt is null && !AdvanceNow)
        {
            return new CompleteStep();
        }

        // A saga's wake-up beyond the horizon is parked: no durable timer (each one is a queue message held until it
        // fires, and on Azurite every held message slows every queue operation of the host); the wake-up index's sweep
        // signals the saga when it is due. The back-off after a failure keeps its timer: the row does not know it.
        if (!BackingOff && WakeUpAt is { } at && at - now > SagaOrchestrationPolicy.ParkingHorizon)
        {
            return new WaitStep(null);
        }

        return new WaitStep(WakeUpAt is { } wakeUp ? TimerFor(wakeUp, now) : null);
    }

    /// <summary>
    /// The timer for a wake-up: <see cref="SagaOrchestrationPolicy.TimerSlack"/> after it, and never before that long
    /// from now — so a timer that fires early, or an advance whose clock lags the orchestration's and so finds nothing
    /// due, waits at least the slack before the next advance instead of spinning.
    /// </summary>
    private static DateTimeOffset TimerFor(DateTimeOffset wakeUp, DateTimeOffset now) =>
        (wakeUp > now ? wakeUp : now) + SagaOrchestrationPolicy.TimerSlack;

    /// <summary>After the advance activity: its view of the row, keeping this execution's counters.</summary>
    public SagaTurn Advanced(SagaAdvance advance)
    {
        ArgumentNullException.ThrowIfNull(advance);
        return this with
        {
            AdvanceNow = advance.MoreNow,
            WakeUpAt = advance.WakeUpAt,
            IsFinished = advance.IsFinished,
            AdvancesSinceWait = AdvancesSinceWait + 1,
            BackingOff = false,
        };
    }

    /// <summary>A signal arrived or the timer fired: advance (the row says what is due).</summary>
    public SagaTurn Woken() => this with { AdvanceNow = true, AdvancesSinceWait = 0, Turns = Turns + 1 };

    /// <summary>
    /// The advance activity failed all its retries (storage, Vipps or Service Bus down): read the saga again after
    /// <see cref="SagaOrchestrationPolicy.FailureBackoff"/>. The row still holds every command and outcome.
    /// </summary>
    public SagaTurn Failed(DateTimeOffset now) =>
        this with { AdvanceNow = false, WakeUpAt = now + SagaOrchestrationPolicy.FailureBackoff, BackingOff = true };
}
