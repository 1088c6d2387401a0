using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>One row of the list index, in its order: a saga, or one of its captures and refunds (right after it).</summary>
/// <param name="RowKey">The index key: a page's continuation names it.</param>
public sealed record SagaListLine(string RowKey, SagaSummary? Saga, ListedOperation? Operation);

/// <summary>A capture or refund as the list index keeps it: what, how much, why, asked by whom, and when.</summary>
/// <param name="RequestedBy">The recorded "requested by" (the caller's free text, defaulting to its source).</param>
public sealed record ListedOperation(
    SagaKind SagaKind,
    string SagaId,
    OperationKind Kind,
    string OperationId,
    long AmountMinorUnits,
    string Currency,
    string? Reason,
    string? RequestedBy,
    string Status,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? SucceededAt)
{
    /// <summary>A refund's API key name, from authentication (null for a capture, or a refund taken from a queue).</summary>
    public string? RequestedByKey { get; init; }

    /// <summary>A refund's CloudEvents source (for an API call, the key's).</summary>
    public string? RequestedBySource { get; init; }
}

/// <summary>
/// Which part of the index to read: created in [<paramref name="From"/>, <paramref name="To"/>), after the row
/// <paramref name="AfterRowKey"/> (a page's continuation), of one kind, and whether to read captures and refunds too.
/// </summary>
public sealed record SagaListRange(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? AfterRowKey = null,
    SagaKind? Kind = null,
    bool WithOperations = false);
