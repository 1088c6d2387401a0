using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Recurring charge history <c>event</c>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<ChargeEventType>))]
public enum ChargeEventType
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>Created.</summary>
    [JsonStringEnumMemberName("CREATE")]
    Create,

    /// <summary>Reserved.</summary>
    [JsonStringEnumMemberName("RESERVE")]
    Reserve,

    /// <summary>Captured.</summary>
    [JsonStringEnumMemberName("CAPTURE")]
    Capture,

    /// <summary>Refunded.</summary>
    [JsonStringEnumMemberName("REFUND")]
    Refund,

    /// <summary>Cancelled.</summary>
    [JsonStringEnumMemberName("CANCEL")]
    Cancel,

    /// <summary>Failed.</summary>
    [JsonStringEnumMemberName("FAIL")]
    Fail,
}
