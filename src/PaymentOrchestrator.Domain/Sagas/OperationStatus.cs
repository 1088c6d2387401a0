using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Sagas;

[JsonConverter(typeof(JsonStringEnumConverter<OperationStatus>))]
public enum OperationStatus
{
    Pending,
    Succeeded,
}
