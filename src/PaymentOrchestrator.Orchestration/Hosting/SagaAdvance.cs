using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// What one run of the advance activity (<c>PaymentOrchestrator.Durable.SagaActivities.AdvanceAsync</c>) left, for the orchestration to
/// decide its next step (<see cref="SagaTurn"/>); and the pure rules that activity follows on the row it read.
/// </summary>
/// <param name="Key">The saga.</param>
/// <param name="MoreNow">Another command is handed out and waits for execution: advance again at once.</param>
/// <param name="WakeUpAt">The row's next wake-up; <see cref="DateTimeOffset.MinValue"/> means "now".</param>
/// <param name="IsFinished">The saga reached a final state.</param>
public sealed record SagaAdvance(SagaKey Key, bool MoreNow, DateTimeOffset? WakeUpAt, bool IsFinished)
{
    /// <summary>There is no row: nothing to do, ever (an input that creates the saga starts a new orchestration).</summary>
    public static SagaAdvance Gone(SagaKey key) => new(key, false, null, true);

    /// <summary>The row asks to be woken now: apply a wake-up first (it hands out whatever is due).</summary>
    public static bool IsWakeUpDue(DateTimeOffset? wakeUpAt, DateTimeOffset now) => wakeUpAt is { } due && due <= now;

    /// <summary>
    /// The command to execute: the outbox's head once handed out (issued) and waiting for its result. It is executed
    /// with its stored idempotency key, so running it again after a crash or a redelivered activity is harmless.
    /// </summary>
    public static VippsCommand? CommandToExecute(ISagaState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Core.Head is { IssuedAt: not null } head ? head.Command : null;
    }

    /// <summary>
    /// The result after this run: more to do now when a command other than the one just executed is handed out (the
    /// same one again would be a result the saga did not take, which only its wake-up re-issues).
    /// </summary>
    public static SagaAdvance After(SagaKey key, ISagaState state, DateTimeOffset? wakeUpAt, IdempotencyKey? executed)
    {
        ArgumentNullException.ThrowIfNull(state);
        var next = CommandToExecute(state);
        return new(key, next is not null && next.Key != executed, wakeUpAt, state.IsFinished);
    }
}
