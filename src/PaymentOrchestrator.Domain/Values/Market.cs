using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Values;

/// <summary>A sales unit's market; it fixes the currency and the capture deadline.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Market>))]
public enum Market
{
    Norway,
    Denmark,
    Finland,
}
