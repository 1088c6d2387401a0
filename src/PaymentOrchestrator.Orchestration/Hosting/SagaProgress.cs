using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// What a saga's orchestration knows about its saga between steps: the commands handed out for execution, whether
/// outcomes wait to be published, the next wake-up and whether the saga is finished — plus two counters that bound
/// one execution. It is also the payload of the signal a trigger raises after applying an input, and the input of a
/// new or continued execution. The saga row stays the source of truth: every step re-reads it through an activity.
/// All transitions are pure, so the orchestrator replays deterministically and the logic is tested here.
/// </summary>
/// <param name="Key">The saga.</param>
/// <param name="Commands">Commands handed out by the last apply (only the head is executed; the rest come back with the next apply).</param>
/// <param name="HasUnpublishedOutcomes">Outcomes saved but not yet published.</param>
/// <param name="NextWakeUpAt">When the saga wants to be woken; <see cref="DateTimeOffset.MinValue"/> means "now".</param>
/// <param name="IsFinished">The saga reached a final state.</param>
/// <param name="CommandsSinceWait">Commands executed since the last wait (the runaway guard).</param>
/// <param name="Turns">Waits in this execution (bounds the history).</param>
public sealed record SagaProgress(
    SagaKey Key,
    IReadOnlyList<VippsCommand> Commands,
    bool HasUnpublishedOutcomes,
    DateTimeOffset? NextWakeUpAt,
    bool IsFinished,
    int CommandsSinceWait = 0,
    int Turns = 0)
{
    /// <summary>After <see cref="SagaRunner.ApplyAsync"/>: what it handed out and saved.</summary>
    public static SagaProgress From(SagaKey key, ApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(key, result.Commands, result.UnpublishedOutcomeCount > 0, result.NextWakeUpAt, result.State.IsFinished);
    }

    /// <summary>
    /// Resume from the saga row alone (a redelivered message, a restarted orchestration): apply a wake-up first, which
    /// hands out whatever is due — including a command whose result never arrived, after its re-issue window.
    /// </summary>
    /// <remarks>A saga that does not exist needs nothing: the result asks for no orchestration.</remarks>
    public static SagaProgress Resume(SagaKey key, StoredSaga? stored) => stored is null
        ? new(key, [], false, null, true)
        : new(key, [], stored.UnpublishedOutcomeCount > 0, DateTimeOffset.MinValue, stored.State.IsFinished);

    /// <summary>
    /// Whether a saga in this state needs an orchestration running. A finished saga with nothing pending does not; one
    /// that waits for an input only (no wake-up) does not either — that input starts a new orchestration.
    /// </summary>
    public bool NeedsOrchestration => Commands.Count > 0 || HasUnpublishedOutcomes || NextWakeUpAt is not null;

    /// <summary>The next step at <paramref name="now"/> (the orchestration's replay-safe clock).</summary>
    public SagaStep Next(DateTimeOffset now)
    {
        if (Commands.Count > 0 && CommandsSinceWait < SagaOrchestrationPolicy.MaxCommandsPerTurn)
        {
            return new ExecuteCommandStep(Commands[0]);
        }

        if (HasUnpublishedOutcomes)
        {
            return new PublishOutcomesStep();
        }

        if (NextWakeUpAt is { } due && due <= now)
        {
            return new ApplyWakeUpStep();
        }

        if (Turns >= SagaOrchestrationPolicy.TurnsPerExecution)
        {
            return new ContinueAsNewStep(ForNextExecution());
        }

        if (IsFinished && NextWakeUpAt is null && Commands.Count == 0)
        {
            return new CompleteStep();
        }

        return new WaitStep(NextWakeUpAt);
    }

    /// <summary>After the Apply activity (a wake-up or a command's result): its fresh view, keeping this execution's counters.</summary>
    public SagaProgress Applied(SagaProgress applied, bool afterCommand)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return applied with { CommandsSinceWait = CommandsSinceWait + (afterCommand ? 1 : 0), Turns = Turns };
    }

    /// <summary>After the Publish activity.</summary>
    public SagaProgress Published() => this with { HasUnpublishedOutcomes = false };

    /// <summary>
    /// A trigger applied an input and signalled. The signal may be older or newer than what this execution knows, so
    /// the union of the work is kept: its commands (re-running one is harmless: same idempotency key, and a repeated
    /// result is a no-op), pending outcomes from either, and the earlier wake-up (an early wake-up changes nothing).
    /// </summary>
    public SagaProgress Signalled(SagaProgress signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return this with
        {
            Commands = signal.Commands.Count > 0 ? signal.Commands : Commands,
            HasUnpublishedOutcomes = HasUnpublishedOutcomes || signal.HasUnpublishedOutcomes,
            NextWakeUpAt = Earliest(NextWakeUpAt, signal.NextWakeUpAt),
            IsFinished = IsFinished || signal.IsFinished,
            CommandsSinceWait = 0,
            Turns = Turns + 1,
        };
    }

    /// <summary>The durable timer fired: apply a wake-up next. Commands left by the runaway guard come back with it.</summary>
    public SagaProgress TimerFired() =>
        this with { Commands = [], NextWakeUpAt = DateTimeOffset.MinValue, CommandsSinceWait = 0, Turns = Turns + 1 };

    /// <summary>
    /// An activity failed all its retries (storage or Service Bus down): drop what is in hand and read the saga again
    /// after <see cref="SagaOrchestrationPolicy.FailureBackoff"/>. The row still holds every command and outcome.
    /// </summary>
    public SagaProgress Failed(DateTimeOffset now) =>
        this with { Commands = [], HasUnpublishedOutcomes = false, NextWakeUpAt = now + SagaOrchestrationPolicy.FailureBackoff };

    /// <summary>
    /// The input of the next execution: start by reading the saga (a signal raised while this execution ended may
    /// not reach the next one — durabletask-dotnet#387 — but the input it carried is already in the row).
    /// </summary>
    public SagaProgress ForNextExecution() =>
        this with { Commands = [], NextWakeUpAt = DateTimeOffset.MinValue, CommandsSinceWait = 0, Turns = 0 };

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
