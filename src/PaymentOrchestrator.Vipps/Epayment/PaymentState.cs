using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>ePayment <c>state</c>. It stays AUTHORIZED after capture, refund and cancel: read <see cref="Payment.Aggregate"/>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<PaymentState>))]
public enum PaymentState
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>The user has not acted yet.</summary>
    [JsonStringEnumMemberName("CREATED")]
    Created,

    /// <summary>The user cancelled (final).</summary>
    [JsonStringEnumMemberName("ABORTED")]
    Aborted,

    /// <summary>The user did nothing in time (final).</summary>
    [JsonStringEnumMemberName("EXPIRED")]
    Expired,

    /// <summary>The user approved (final; captures, refunds and cancels keep this state).</summary>
    [JsonStringEnumMemberName("AUTHORIZED")]
    Authorized,

    /// <summary>The merchant cancelled before authorization (final).</summary>
    [JsonStringEnumMemberName("TERMINATED")]
    Terminated,
}
