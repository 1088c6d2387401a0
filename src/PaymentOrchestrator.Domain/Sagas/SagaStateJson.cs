using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// The JSON a saga state is stored as (camelCase, enums as names, commands and events with a <c>$command</c> /
/// <c>$event</c> discriminator). Reading needs the kind, which the row key carries. Only what a value is built from is
/// written: a computed property (get-only, no constructor parameter: <c>Money.IsZero</c>, <c>SagaKey.RowKey</c>, a
/// command's <c>Operation</c>, the outbox's <c>Head</c>) is derived again when read, and writing it would only spend
/// the row's 32K characters (it doubled the size of an outbox entry).
/// </summary>
public static class SagaStateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipComputed } },
    };

    private static void SkipComputed(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.Set is null && property.AssociatedParameter is null)
            {
                property.ShouldSerialize = static (_, _) => false;
            }
        }
    }

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
