using Azure;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>
/// The system properties every table entity has (same shape as Azure.Data.Tables' <c>ITableEntity</c>). Other public
/// properties of the implementing POCO are stored with System.Text.Json names; <see cref="Timestamp"/> and
/// <see cref="ETag"/> are maintained by the service and filled on reads.
/// </summary>
public interface ITableEntity
{
    /// <summary>The partition key (no <c>/ \ # ?</c> or control characters, at most 512 UTF-16 characters).</summary>
    string PartitionKey { get; set; }

    /// <summary>The row key (same rules as the partition key).</summary>
    string RowKey { get; set; }

    /// <summary>Last modification time, set by the service.</summary>
    DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's ETag from the last read, for optimistic concurrency.</summary>
    ETag ETag { get; set; }
}
