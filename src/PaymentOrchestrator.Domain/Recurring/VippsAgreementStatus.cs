using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>Recurring v3 agreement <c>status</c> as Vipps reports it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VippsAgreementStatus>))]
public enum VippsAgreementStatus
{
    Pending,
    Active,
    Stopped,
    Expired,
}
