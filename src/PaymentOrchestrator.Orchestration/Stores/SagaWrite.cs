using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// Everything one <c>Apply</c> saves in one single-partition transaction: the new state (with its outbox), the
/// timeline entries, the outcomes still to publish and, for an incoming event, its applied-event marker.
/// </summary>
/// <param name="Previous">The saga as loaded (its ETag guards the write); null for a new saga.</param>
/// <param name="Rejection">The saga's refusal of the input, kept on the applied-event marker.</param>
public sealed record SagaWrite(
    StoredSaga? Previous,
    ISagaState State,
    DateTimeOffset? NextWakeUpAt,
    IReadOnlyList<TimelineDraft> Timeline,
    IReadOnlyList<OutgoingEvent> UnpublishedOutcomes,
    EventOrigin? Origin,
    DateTimeOffset Now,
    Rejection? Rejection = null);

/// <summary>A timeline entry before it has its sequence number.</summary>
public sealed record TimelineDraft(TimelineEntryKind Kind, string Type, string Summary, string? Detail, EventOrigin? Origin = null);
