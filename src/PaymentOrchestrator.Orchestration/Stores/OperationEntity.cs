using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// One capture or refund of a saga (PartitionKey MSN, RowKey <c>M|{kind}:{id}|{capture|refund}:{operationId}</c>):
/// what was asked, by whom, with which idempotency key, and whether Vipps confirmed it. Written in the same
/// transaction as the saga save that accepts it, and again by the one that records its success, so the saga row
/// keeps only the operations in flight.
/// </summary>
internal sealed class OperationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string SagaRowKey { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string OperationId { get; set; } = string.Empty;

    /// <summary>The n-th operation of its kind in the saga (1 for the first): the order a view lists them in.</summary>
    public int Ordinal { get; set; }

    public long AmountMinorUnits { get; set; }

    public string Currency { get; set; } = string.Empty;

    public string? Reason { get; set; }

    public string? RequestedBy { get; set; }

    /// <summary>A refund's API key name (from authentication; never the key), null when it came from a queue.</summary>
    public string? RequestedByKey { get; set; }

    /// <summary>A refund's CloudEvents source (for an API call, the key's).</summary>
    public string? RequestedBySource { get; set; }

    public string IdempotencyKey { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? SucceededAt { get; set; }
}
