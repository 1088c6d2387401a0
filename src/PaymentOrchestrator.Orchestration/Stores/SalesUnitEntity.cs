using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>The registry row: PartitionKey <c>sales-unit</c>, RowKey the MSN.</summary>
internal sealed class SalesUnitEntity : ITableEntity
{
    public const string Partition = "sales-unit";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Market { get; set; } = string.Empty;

    public string Environment { get; set; } = string.Empty;

    public string KeySetName { get; set; } = string.Empty;

    /// <summary>Allowed sources, newline-separated (a source never contains a newline).</summary>
    public string AllowedSources { get; set; } = string.Empty;

    /// <summary>
    /// Rights per bound source, one <c>source&lt;TAB&gt;payments,captures</c> line each (a source never contains a tab).
    /// Empty in rows written before rights existed: every binding then has every right.
    /// </summary>
    public string SourceRights { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
