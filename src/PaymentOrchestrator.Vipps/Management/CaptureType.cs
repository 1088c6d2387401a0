using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Management;

/// <summary>A sales unit's <c>configuration.captureType</c>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<CaptureType>))]
public enum CaptureType
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>Reserve at authorization, capture later (what Vipps recommends).</summary>
    [JsonStringEnumMemberName("ReserveCapture")]
    ReserveCapture,

    /// <summary>The payment is captured when it is authorized: there is nothing left to capture.</summary>
    [JsonStringEnumMemberName("DirectCapture")]
    DirectCapture,

    /// <summary>The sales unit takes no payments (e.g. Login only).</summary>
    [JsonStringEnumMemberName("NotApplicable")]
    NotApplicable,
}
