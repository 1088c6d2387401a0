using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>Where a charge saga is: New and Creating are ours, the rest mirror Vipps' charge statuses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChargeStatus>))]
public enum ChargeStatus
{
    New,
    Creating,
    Pending,
    Due,
    Processing,
    Reserved,
    PartiallyCaptured,
    Charged,
    PartiallyRefunded,
    Refunded,
    Failed,
    Cancelled,
    NeedsAttention,
}
