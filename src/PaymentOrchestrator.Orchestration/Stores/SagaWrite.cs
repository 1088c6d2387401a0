using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// Everything one <c>Apply</c> saves in one single-partition transaction: the new state (with its outbox), the rows of
/// the captures and refunds its facts accept or confirm, the timeline entries, the outcomes it decided (to publish)
/// and, for an incoming event, its applied-event marker.
/// </summary>
/// <param name="Events">The decision's facts, in order: they name the operation rows to write.</param>
/// <param name="NewOutcomes">The outcomes this apply decided; older unpublished ones already have their rows.</param>
/// <param name="Previous">The saga as loaded (its ETag guards the write); null for a new saga.</param>
/// <param name="Rejection">The saga's refusal of the input, kept on the applied-event marker.</param>
public sealed record SagaWrite(
    StoredSaga? Previous,
    ISagaState State,
    DateTimeOffset? NextWakeUpAt,
    IReadOnlyList<SagaEvent> Events,
    IReadOnlyList<TimelineDraft> Timeline,
    IReadOnlyList<OutgoingEvent> NewOutcomes,
    EventOrigin? Origin,
    DateTimeOffset Now,
    Rejection? Rejection = null);

/// <summary>A timeline entry before it has its sequence number.</summary>
public sealed record TimelineDraft(TimelineEntryKind Kind, string Type, string Summary, string? Detail, EventOrigin? Origin = null);
