using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Recurring agreement <c>status</c>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<AgreementStatus>))]
public enum AgreementStatus
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>Waiting for the user (10 minutes).</summary>
    [JsonStringEnumMemberName("PENDING")]
    Pending,

    /// <summary>Accepted: charges may be created.</summary>
    [JsonStringEnumMemberName("ACTIVE")]
    Active,

    /// <summary>Stopped by merchant or user (irreversible).</summary>
    [JsonStringEnumMemberName("STOPPED")]
    Stopped,

    /// <summary>Not accepted in time, or the initial DIRECT_CAPTURE charge failed.</summary>
    [JsonStringEnumMemberName("EXPIRED")]
    Expired,
}
