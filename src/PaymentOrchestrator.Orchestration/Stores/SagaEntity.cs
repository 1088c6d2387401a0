using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// The saga row (PartitionKey MSN, RowKey <c>S|{kind}:{id}</c>): the serialized state with its outbox, the next
/// wake-up, the timeline length and how many outcomes wait to be published, plus summary columns for listings. No
/// property grows with the saga's operations: captures, refunds and unpublished outcomes have rows of their own.
/// </summary>
internal sealed class SagaEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string SagaId { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public bool IsFinished { get; set; }

    public string State { get; set; } = string.Empty;

    public long Version { get; set; }

    public long HistoryCount { get; set; }

    public DateTimeOffset? NextWakeUpAt { get; set; }

    /// <summary>How many outcome rows wait to be published (0: none, and a load reads no more than this row).</summary>
    public int UnpublishedOutcomeCount { get; set; }

    /// <summary>Outcomes ever written for the saga: the sequence the next outcome row gets.</summary>
    public long OutcomeSequence { get; set; }

    public string? Currency { get; set; }

    public long? AmountMinorUnits { get; set; }

    public long? CapturedMinorUnits { get; set; }

    public long? RefundedMinorUnits { get; set; }

    public long? CancelledMinorUnits { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
