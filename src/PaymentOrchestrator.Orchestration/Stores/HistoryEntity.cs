using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>A timeline row (PartitionKey MSN, RowKey <c>H|{kind}:{id}|{sequence:D10}</c>), written with its saga row.</summary>
internal sealed class HistoryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    public string? Detail { get; set; }

    public string? EventId { get; set; }

    public string? Source { get; set; }
}
