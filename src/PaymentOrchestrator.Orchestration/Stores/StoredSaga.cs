using Azure;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// A saga as loaded: its state, the row's ETag (for the next conditional write), bookkeeping, and the summary columns
/// of the same row (so a view never pairs one version's state with another's summary).
/// </summary>
public sealed record StoredSaga(
    ISagaState State,
    ETag ETag,
    long Version,
    long HistoryCount,
    DateTimeOffset? NextWakeUpAt,
    int UnpublishedOutcomeCount,
    long OutcomeSequence,
    DateTimeOffset CreatedAt,
    SagaSummary Summary);
