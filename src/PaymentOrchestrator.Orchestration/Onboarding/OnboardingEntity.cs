using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Orchestration.Onboarding;

/// <summary>
/// The onboarding row: PartitionKey the partner and environment, RowKey our onboarding id. The request and the
/// history are JSON (they are read and written whole); the rest are columns an operator can filter on.
/// </summary>
internal sealed class OnboardingEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Status { get; set; } = string.Empty;

    public string OrganizationNumber { get; set; } = string.Empty;

    /// <summary>The <c>ProductOrderRequest</c> as sent, JSON.</summary>
    public string Request { get; set; } = string.Empty;

    public string IdempotencyKey { get; set; } = string.Empty;

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The merchant's linked MSNs at the start, comma-separated.</summary>
    public string UnitsAtStart { get; set; } = string.Empty;

    /// <summary>The steps, JSON.</summary>
    public string History { get; set; } = string.Empty;

    public string? OrderId { get; set; }

    public string? PrefillUrl { get; set; }

    public string? Msn { get; set; }

    public int Checks { get; set; }

    public DateTimeOffset? LastCheckedAt { get; set; }

    public string? Reason { get; set; }
}
