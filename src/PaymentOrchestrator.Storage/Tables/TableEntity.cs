using System.Globalization;
using Azure;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>
/// A schemaless entity: a dictionary of property name → value, like Azure.Data.Tables' <c>TableEntity</c>. Values
/// read back typed: <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="DateTimeOffset"/>, <see cref="Guid"/>, <see cref="byte"/>[]. The system properties
/// are the members of <see cref="ITableEntity"/>, not dictionary entries.
/// </summary>
public sealed class TableEntity : Dictionary<string, object?>, ITableEntity
{
    /// <summary>An empty entity.</summary>
    public TableEntity()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>An entity with the given keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
        : this()
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <inheritdoc />
    public string PartitionKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RowKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The property as a string, or null when absent.</summary>
    public string? GetString(string key) => TryGetValue(key, out var v) ? v as string ?? v?.ToString() : null;

    /// <summary>The property as an int, or null when absent.</summary>
    public int? GetInt32(string key) => TryGetValue(key, out var v) && v is not null ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;

    /// <summary>The property as a long, or null when absent.</summary>
    public long? GetInt64(string key) => TryGetValue(key, out var v) && v is not null ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;

    /// <summary>The property as a double, or null when absent.</summary>
    public double? GetDouble(string key) => TryGetValue(key, out var v) && v is not null ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;

    /// <summary>The property as a bool, or null when absent.</summary>
    public bool? GetBoolean(string key) => TryGetValue(key, out var v) && v is not null ? Convert.ToBoolean(v, CultureInfo.InvariantCulture) : null;

    /// <summary>The property as a Guid, or null when absent.</summary>
    public Guid? GetGuid(string key) => TryGetValue(key, out var v) ? v switch
    {
        Guid g => g,
        string s => Guid.Parse(s),
        _ => null,
    } : null;

    /// <summary>The property as a UTC DateTimeOffset, or null when absent.</summary>
    public DateTimeOffset? GetDateTimeOffset(string key) => TryGetValue(key, out var v) ? v switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime()),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => null,
    } : null;

    /// <summary>The property as bytes, or null when absent.</summary>
    public byte[]? GetBinary(string key) => TryGetValue(key, out var v) ? v switch
    {
        byte[] b => b,
        BinaryData d => d.ToArray(),
        string s => Convert.FromBase64String(s),
        _ => null,
    } : null;

    /// <summary>Keys and property names (values may be business data, so they are left out).</summary>
    public override string ToString() =>
        $"TableEntity {{ PartitionKey = {PartitionKey}, RowKey = {RowKey}, Properties = [{string.Join(", ", Keys)}] }}";
}
