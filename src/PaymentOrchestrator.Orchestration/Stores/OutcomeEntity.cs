using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// One outcome not yet published (PartitionKey MSN, RowKey <c>U|{kind}:{id}|{sequence:D10}</c>), written in the saga
/// save that decided it and deleted once published; the saga row keeps only how many there are.
/// </summary>
internal sealed class OutcomeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string OutcomeId { get; set; } = string.Empty;

    public long Sequence { get; set; }

    /// <summary>The <c>OutgoingEvent</c> as JSON.</summary>
    public string Outcome { get; set; } = string.Empty;
}
