using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Values;

[JsonConverter(typeof(JsonStringEnumConverter<SagaKind>))]
public enum SagaKind
{
    Payment,
    Agreement,
    Charge,
}
