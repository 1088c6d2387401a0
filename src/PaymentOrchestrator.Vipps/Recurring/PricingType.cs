using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Agreement <c>pricing.type</c>; it can never change. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<PricingType>))]
public enum PricingType
{
    /// <summary>A value this client does not know yet (Vipps adds values without notice).</summary>
    Unknown = 0,

    /// <summary>A fixed price; charges per interval total at most 5× the price.</summary>
    [JsonStringEnumMemberName("LEGACY")]
    Legacy,

    /// <summary>The user picks a max amount around <c>suggestedMaxAmount</c>.</summary>
    [JsonStringEnumMemberName("VARIABLE")]
    Variable,

    /// <summary>Flexible pricing (newer).</summary>
    [JsonStringEnumMemberName("FLEXIBLE")]
    Flexible,
}
