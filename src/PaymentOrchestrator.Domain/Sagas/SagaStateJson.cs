using System.Text.Json;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// The JSON a saga state is stored as (camelCase, enums as names, commands and events with a <c>$command</c> /
/// <c>$event</c> discriminator). Reading needs the kind, which the row key carries.
/// </summary>
public static class SagaStateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize(ISagaState state) => state switch
    {
        EpaymentState s => JsonSerializer.Serialize(s, Options),
        AgreementState s => JsonSerializer.Serialize(s, Options),
        ChargeState s => JsonSerializer.Serialize(s, Options),
        _ => throw new ArgumentException($"Unknown saga state {state?.GetType().Name}.", nameof(state)),
    };

    /// <exception cref="JsonException">The JSON is not a valid state of that kind.</exception>
    public static ISagaState Deserialize(SagaKind kind, string json) => kind switch
    {
        SagaKind.Payment => JsonSerializer.Deserialize<EpaymentState>(json, Options),
        SagaKind.Agreement => JsonSerializer.Deserialize<AgreementState>(json, Options),
        _ => (ISagaState?)JsonSerializer.Deserialize<ChargeState>(json, Options),
    } ?? throw new JsonException("A saga state cannot be null.");
}
