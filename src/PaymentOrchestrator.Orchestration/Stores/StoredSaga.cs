using Azure;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>A saga as loaded: its state, the row's ETag (for the next conditional write) and bookkeeping.</summary>
public sealed record StoredSaga(
    ISagaState State,
    ETag ETag,
    long Version,
    long HistoryCount,
    DateTimeOffset? NextWakeUpAt,
    IReadOnlyList<OutgoingEvent> UnpublishedOutcomes,
    DateTimeOffset CreatedAt);
