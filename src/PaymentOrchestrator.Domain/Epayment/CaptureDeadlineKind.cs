using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>Which deadline a warning is about: the card network's hold (~7 days) or the market's capture limit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaptureDeadlineKind>))]
public enum CaptureDeadlineKind
{
    CardHold,
    Market,
}
