using System.Text.Json;
using System.Text.Json.Nodes;
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
        SagaKind.Payment => Upgraded(json).Deserialize<EpaymentState>(Options),
        SagaKind.Agreement => JsonSerializer.Deserialize<AgreementState>(json, Options),
        _ => (ISagaState?)Upgraded(json).Deserialize<ChargeState>(Options),
    } ?? throw new JsonException("A saga state cannot be null.");

    /// <summary>
    /// A payment or charge state written before captures and refunds had rows of their own held every one of them in
    /// <c>captures</c> and <c>refunds</c>: it is read with the pending ones in flight and the counts of both kept. (The
    /// confirmed ones of such a saga have no operation rows; its timeline still tells them.)
    /// </summary>
    private static JsonNode? Upgraded(string json)
    {
        var node = JsonNode.Parse(json);
        if (node is not JsonObject state || state.ContainsKey("inFlight") || !(state.ContainsKey("captures") || state.ContainsKey("refunds")))
        {
            return node;
        }

        var inFlight = new JsonArray();
        foreach (var (list, kind, id, count) in new[] { ("captures", "Capture", "captureId", "captureCount"), ("refunds", "Refund", "refundId", "refundCount") })
        {
            var records = state[list] as JsonArray ?? [];
            foreach (var record in records.OfType<JsonObject>().Where(r => (string?)r["status"] == nameof(OperationStatus.Pending)))
            {
                inFlight.Add(new JsonObject
                {
                    ["kind"] = kind, ["id"] = record[id]?.DeepClone(), ["amount"] = record["amount"]?.DeepClone(), ["key"] = record["key"]?.DeepClone(),
                });
            }

            state[count] = records.Count;
            state.Remove(list);
        }

        state["inFlight"] = inFlight;
        return state;
    }
}
