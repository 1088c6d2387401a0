using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// A capture or refund Vipps accepted for a saga (PartitionKey MSN, RowKey
/// <c>O|{at:yyyyMMddHHmmssfffffff}|{kind}:{id}|{capture|refund}|{operationId}</c>), written in the same transaction
/// as the saga save that records the success, so reconciliation reads our side as structured rows by time range.
/// </summary>
internal sealed class ExecutedOperationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string SagaRowKey { get; set; } = string.Empty;

    public string Reference { get; set; } = string.Empty;

    public string Operation { get; set; } = string.Empty;

    public string OperationId { get; set; } = string.Empty;

    public long AmountMinorUnits { get; set; }

    public string Currency { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string? IdempotencyKey { get; set; }
}
