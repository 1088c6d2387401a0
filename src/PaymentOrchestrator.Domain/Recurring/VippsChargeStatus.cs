using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>Recurring v3 charge <c>status</c> as Vipps reports it. Reads may skip statuses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VippsChargeStatus>))]
public enum VippsChargeStatus
{
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
}
