using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// Marks an incoming event as applied (PartitionKey MSN, RowKey <c>E|{hash of source and id}</c>). It is added in the
/// same transaction as the saga row, so an event is applied exactly once even when delivered twice at the same time.
/// </summary>
internal sealed class AppliedEventEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string EventId { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string SagaRowKey { get; set; } = string.Empty;

    public DateTimeOffset AppliedAt { get; set; }

    /// <summary>When the saga refused the event: its code, so a redelivery is dead-lettered with it, not completed.</summary>
    public string? RejectionCode { get; set; }

    public string? RejectionReason { get; set; }
}
