using System.Text.Json.Serialization;
using Azure;
using PaymentOrchestrator.Storage.Tables;

namespace PaymentOrchestrator.Storage.Tests.Support;

public sealed class TypedEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public long AmountMinor { get; set; }

    public long? OptionalLong { get; set; }

    public int Count { get; set; }

    public double Ratio { get; set; }

    public bool Flag { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTimeOffset DueOn { get; set; }

    public Guid CorrelationId { get; set; }

    public byte[]? Payload { get; set; }

    public string? Text { get; set; }

    [JsonPropertyName("renamed_prop")]
    public string? Renamed { get; set; }

    [JsonIgnore]
    public string? NotStored { get; set; }
}
