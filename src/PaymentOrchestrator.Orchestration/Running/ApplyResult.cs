using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Running;

/// <summary>
/// What <see cref="SagaRunner.ApplyAsync"/> saved and what the caller runs next: the commands handed out for execution
/// (each with its stored idempotency key), the outcomes still to publish and the next wake-up.
/// </summary>
public sealed record ApplyResult(
    ApplyStatus Status,
    ISagaState State,
    IReadOnlyList<VippsCommand> Commands,
    IReadOnlyList<OutgoingEvent> UnpublishedOutcomes,
    DateTimeOffset? NextWakeUpAt,
    Rejection? Rejection);
