using Azure;
using PaymentOrchestrator.Storage.Tables;

namespace PaymentOrchestrator.Storage.Tests.Support;

public sealed class OrderEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Status { get; set; }

    public string? Note { get; set; }

    public int Attempts { get; set; }
}

internal static class OrderEntityExtensions
{
    public static OrderEntity WithNote(this OrderEntity order, string note)
    {
        order.Note = note;
        return order;
    }
}
