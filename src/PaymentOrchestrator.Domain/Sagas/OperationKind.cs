using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>The operations a saga keeps a row of its own for, each under the id the requester gave it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperationKind>))]
public enum OperationKind
{
    Capture,
    Refund,
}
