using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// A row of the wake-up index (<see cref="WakeUpIndex"/>): PartitionKey <c>W|yyyyMMddHHmm</c>, RowKey
/// <c>{msn}|{kind}:{id}</c>; the saga's key in columns so the sweep need not parse the row key.
/// </summary>
internal sealed class WakeUpEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Msn { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string SagaId { get; set; } = string.Empty;
}
