using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps;

/// <summary>ISO 4217 currency of an amount. Unknown values read from Vipps become <see cref="Unknown"/>.</summary>
[JsonConverter(typeof(TolerantEnumConverter<Currency>))]
public enum Currency
{
    /// <summary>A value this client does not know yet.</summary>
    Unknown = 0,

    /// <summary>Norwegian krone (minimum 100 øre in ePayment).</summary>
    [JsonStringEnumMemberName("NOK")]
    Nok,

    /// <summary>Danish krone.</summary>
    [JsonStringEnumMemberName("DKK")]
    Dkk,

    /// <summary>Euro.</summary>
    [JsonStringEnumMemberName("EUR")]
    Eur,
}
