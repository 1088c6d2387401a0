using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Unit of an agreement <c>interval</c>. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<TimePeriodUnit>))]
public enum TimePeriodUnit
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>Days.</summary>
    [JsonStringEnumMemberName("DAY")]
    Day,

    /// <summary>Weeks.</summary>
    [JsonStringEnumMemberName("WEEK")]
    Week,

    /// <summary>Months.</summary>
    [JsonStringEnumMemberName("MONTH")]
    Month,

    /// <summary>Years.</summary>
    [JsonStringEnumMemberName("YEAR")]
    Year,
}
