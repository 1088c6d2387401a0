using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Recurring charge <c>type</c>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<ChargeType>))]
public enum ChargeType
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>The agreement's initial charge.</summary>
    [JsonStringEnumMemberName("INITIAL")]
    Initial,

    /// <summary>A regular charge (default).</summary>
    [JsonStringEnumMemberName("RECURRING")]
    Recurring,

    /// <summary>An unscheduled charge (newer; allow-listed; never retried).</summary>
    [JsonStringEnumMemberName("UNSCHEDULED")]
    Unscheduled,
}
