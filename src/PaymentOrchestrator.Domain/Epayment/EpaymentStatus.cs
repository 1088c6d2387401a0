using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>Where an ePayment saga is. Authorized stays Authorized through captures, refunds and cancels.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EpaymentStatus>))]
public enum EpaymentStatus
{
    /// <summary>No request seen yet (a fresh row).</summary>
    New,

    /// <summary>Requested; CreatePayment is in the outbox.</summary>
    Creating,

    AwaitingCustomer,
    Authorized,
    Aborted,
    Expired,
    Terminated,
    NeedsAttention,
}
