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

    /// <summary>The merchant's business identifier from the Vipps Management API (empty: not read).</summary>
    public string? BusinessIdentifierScheme { get; set; }

    public string? BusinessIdentifierId { get; set; }

    /// <summary>True when the capability columns below hold what the Management API said (each may still be null).</summary>
    public bool? HasCapabilities { get; set; }

    public bool? PaymentAllowed { get; set; }

    /// <summary>The <see cref="Vipps.Management.CaptureType"/> name (Unknown for a value the client did not know).</summary>
    public string? CaptureType { get; set; }

    public bool? SkipLandingPageAllowed { get; set; }

    public bool? RecurringAllowed { get; set; }

    /// <summary>Why the unit is disabled (empty while active, and in rows from before reasons existed).</summary>
    public string? DisabledReason { get; set; }

    public DateTimeOffset? DisabledSince { get; set; }

    /// <summary>True when the sync disabled it because Vipps no longer links it to our keys.</summary>
    public bool? DisabledAsUnlinked { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
