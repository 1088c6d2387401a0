using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Running;

/// <summary>
/// What <see cref="SagaRunner.ApplyAsync"/> saved and what the caller runs next: the commands handed out for execution
/// (each with its stored idempotency key), the outcomes still to publish and the next wake-up.
/// </summary>
/// <param name="NewOutcomes">The outcomes this input decided (counted in <paramref name="UnpublishedOutcomeCount"/>).</param>
/// <param name="UnpublishedOutcomeCount">
/// Outcomes saved and not yet marked published, older ones included (their rows: <c>SagaStore.ListUnpublishedOutcomesAsync</c>).
/// </param>
/// <param name="Saga">
/// The row after this apply (as saved, with its new ETag, or as read when nothing was written); null when unknown. The
/// next apply of the same step starts from it instead of reading the row again.
/// </param>
/// <param name="Before">The row this apply decided on and wrote over (its ETag checked by the save); null when it created the row or wrote nothing.</param>
public sealed record ApplyResult(
    ApplyStatus Status,
    ISagaState State,
    IReadOnlyList<VippsCommand> Commands,
    IReadOnlyList<OutgoingEvent> NewOutcomes,
    int UnpublishedOutcomeCount,
    DateTimeOffset? NextWakeUpAt,
    Rejection? Rejection,
    StoredSaga? Saga = null,
    StoredSaga? Before = null);
