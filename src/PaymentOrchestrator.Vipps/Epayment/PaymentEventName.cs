using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>Name of an ePayment event (event log and webhooks). Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<PaymentEventName>))]
public enum PaymentEventName
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>Payment created.</summary>
    [JsonStringEnumMemberName("CREATED")]
    Created,

    /// <summary>The user cancelled.</summary>
    [JsonStringEnumMemberName("ABORTED")]
    Aborted,

    /// <summary>The user did nothing in time.</summary>
    [JsonStringEnumMemberName("EXPIRED")]
    Expired,

    /// <summary>The merchant cancelled the uncaptured remainder.</summary>
    [JsonStringEnumMemberName("CANCELLED")]
    Cancelled,

    /// <summary>An amount was captured.</summary>
    [JsonStringEnumMemberName("CAPTURED")]
    Captured,

    /// <summary>An amount was refunded.</summary>
    [JsonStringEnumMemberName("REFUNDED")]
    Refunded,

    /// <summary>The user approved.</summary>
    [JsonStringEnumMemberName("AUTHORIZED")]
    Authorized,

    /// <summary>The merchant cancelled before authorization.</summary>
    [JsonStringEnumMemberName("TERMINATED")]
    Terminated,
}
