using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>ePayment <c>state</c> as Vipps reports it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VippsPaymentState>))]
public enum VippsPaymentState
{
    Created,
    Authorized,
    Aborted,
    Expired,
    Terminated,
}
