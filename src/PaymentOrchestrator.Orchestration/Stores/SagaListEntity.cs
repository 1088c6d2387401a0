using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// A row of the list index (PartitionKey MSN, RowKey <see cref="SagaListIndex"/>): a saga's summary
/// (<see cref="Entry"/> <c>saga</c>), or one of its captures and refunds (<c>capture</c>, <c>refund</c>) right after it.
/// Written in the same transaction as the saga row, so the list and the export read the index alone.
/// </summary>
internal sealed class SagaListEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary><c>saga</c>, <c>capture</c> or <c>refund</c>.</summary>
    public string Entry { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string SagaId { get; set; } = string.Empty;

    public string? Status { get; set; }

    public bool IsFinished { get; set; }

    public string? Currency { get; set; }

    public long? AmountMinorUnits { get; set; }

    public long? CapturedMinorUnits { get; set; }

    public long? RefundedMinorUnits { get; set; }

    public long? CancelledMinorUnits { get; set; }

    public DateTimeOffset? NextWakeUpAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? OperationId { get; set; }

    public string? Reason { get; set; }

    public string? RequestedBy { get; set; }

    /// <summary>A refund's API key name and source, as the operation's row records them (the audit).</summary>
    public string? RequestedByKey { get; set; }

    /// <inheritdoc cref="RequestedByKey"/>
    public string? RequestedBySource { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? SucceededAt { get; set; }
}
