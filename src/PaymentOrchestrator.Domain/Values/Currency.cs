using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Values;

/// <summary>The currencies Vipps MobilePay takes: one per market.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Currency>))]
public enum Currency
{
    NOK,
    DKK,
    EUR,
}
