using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// The saga row (PartitionKey MSN, RowKey <c>S|{kind}:{id}</c>): the serialized state with its outbox, the next
/// wake-up, the timeline length and the outcomes not yet published, plus summary columns for listings.
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

    public string? UnpublishedOutcomes { get; set; }

    public string? Currency { get; set; }

    public long? AmountMinorUnits { get; set; }

    public long? CapturedMinorUnits { get; set; }

    public long? RefundedMinorUnits { get; set; }

    public long? CancelledMinorUnits { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
