using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// Finds a saga by a Vipps id (PartitionKey MSN, RowKey <c>X|agreement:{agreementId}</c>): Recurring webhooks name the
/// Vipps agreement id, while the saga is keyed by the webshop's subscription id.
/// </summary>
internal sealed class SagaIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string SagaId { get; set; } = string.Empty;
}
