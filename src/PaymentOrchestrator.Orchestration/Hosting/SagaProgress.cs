using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// What a hand-off saw of its saga after applying an input: the commands handed out for execution, whether outcomes
/// wait to be published, the next wake-up and whether the saga is finished. It decides whether the saga needs an
/// orchestration (<see cref="NeedsOrchestration"/>) and is the payload of the start or signal; the orchestration only
/// takes its key and wakes (<see cref="SagaTurn"/>): the saga row is the truth, read again by every advance.
/// </summary>
/// <param name="Key">The saga.</param>
/// <param name="Commands">Commands handed out by the last apply (only the head is executed; the rest come back with the next apply).</param>
/// <param name="HasUnpublishedOutcomes">Outcomes saved but not yet published.</param>
/// <param name="NextWakeUpAt">When the saga wants to be woken; <see cref="DateTimeOffset.MinValue"/> means "now".</param>
/// <param name="IsFinished">The saga reached a final state.</param>
/// <param name="IsNew">
/// This apply created the saga's row, so no orchestration of it can be running: the hand-off starts one without asking
/// first (the start's dedupe statuses still refuse to replace a live one).
/// </param>
/// <param name="OrchestrationRuns">
/// The row this apply wrote over was unfinished and needed attention (<see cref="RunsFor"/>), so its orchestration
/// runs: the hand-off raises to it without asking first.
/// </param>
public sealed record SagaProgress(
    SagaKey Key,
    IReadOnlyList<VippsCommand> Commands,
    bool HasUnpublishedOutcomes,
    DateTimeOffset? NextWakeUpAt,
    bool IsFinished,
    bool IsNew = false,
    bool OrchestrationRuns = false)
{
    /// <summary>After <see cref="SagaRunner.ApplyAsync"/>: what it handed out and saved.</summary>
    public static SagaProgress From(SagaKey key, ApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(key, result.Commands, result.UnpublishedOutcomeCount > 0, result.NextWakeUpAt, result.State.IsFinished,
            IsNew: result.Status == ApplyStatus.Applied && result.Saga is { Version: 1 },
            OrchestrationRuns: result.Before is { } before && RunsFor(before));
    }

    /// <summary>
    /// Whether a saga row's orchestration runs: the row is unfinished and needs attention (a wake-up — a handed-out
    /// command has its lease as one — or unpublished outcomes). An orchestration ends only after reading a finished row
    /// with no wake-up, and whoever saved a row that needs attention started or signalled one. When it does not run all
    /// the same (a kill between that save and the start, a failed or terminated instance) a raised event is discarded,
    /// and the saga is not lost: the row it saves needs attention too, so the wake-up index holds it and the sweep
    /// signals it through the full rule (ask, start when ended) once due — at most the command's or the outcomes'
    /// lease late, as with a signal raised to an instance that is just completing. A finished row, or one that waits
    /// for an input only, may have no orchestration (ended, or never needed): the hand-off asks.
    /// </summary>
    public static bool RunsFor(StoredSaga row)
    {
        ArgumentNullException.ThrowIfNull(row);
        // Needing attention is having an attention time, so an index row covers it: the wake-up index's one rule.
        return !row.State.IsFinished
            && WakeUpIndex.AttentionAt(row.NextWakeUpAt, row.UnpublishedOutcomeCount, row.Summary.UpdatedAt) is not null;
    }

    /// <summary>
    /// Resume from the saga row alone (a redelivered message, a restarted orchestration): "wake now", so that the first
    /// advance executes a command whose result never arrived (with its stored key) and publishes what was left.
    /// </summary>
    /// <remarks>A saga that does not exist needs nothing: the result asks for no orchestration.</remarks>
    public static SagaProgress Resume(SagaKey key, StoredSaga? stored) => stored is null
        ? new(key, [], false, null, true)
        : new(key, [], stored.UnpublishedOutcomeCount > 0, DateTimeOffset.MinValue, stored.State.IsFinished);

    /// <summary>The input of a continued execution: nothing known but the key, so it starts by reading the row.</summary>
    public static SagaProgress ReadFirst(SagaKey key) => new(key, [], false, DateTimeOffset.MinValue, false);

    /// <summary>
    /// Whether a saga in this state needs an orchestration running. A finished saga with nothing pending does not; one
    /// that waits for an input only (no wake-up) does not either — that input starts a new orchestration.
    /// </summary>
    public bool NeedsOrchestration => Commands.Count > 0 || HasUnpublishedOutcomes || NextWakeUpAt is not null;
}
