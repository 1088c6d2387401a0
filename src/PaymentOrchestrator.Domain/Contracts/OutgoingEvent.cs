using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>
/// An outcome for the webshop. Its id is derived from the saga, the type and what it is about (e.g. the capture id),
/// so the same outcome decided twice (a replay) has the same id and consumers can drop the copy.
/// </summary>
public sealed record OutgoingEvent(string Id, string Type, SagaKey Saga, DateTimeOffset Time, OutcomeData Data)
{
    private static readonly JsonSerializerOptions WireOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static OutgoingEvent Create(string type, SagaKey saga, DateTimeOffset time, OutcomeData data, string discriminator)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{saga.Kind}|{saga.Msn.Value}|{saga.Id}|{type}|{discriminator}"));
        return new OutgoingEvent(Convert.ToHexStringLower(digest)[..32], type, saga, time, data);
    }

    /// <summary>The event as a CloudEvents 1.0 structured JSON document.</summary>
    /// <param name="source">This service as the publisher, e.g. <c>payment-orchestrator</c>.</param>
    /// <param name="traceParent">The distributed-tracing extension's <c>traceparent</c> (W3C), when the publish is traced.</param>
    public byte[] ToCloudEventJson(string source, string? traceParent = null)
    {
        var envelope = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0",
            ["id"] = Id,
            ["source"] = source,
            ["type"] = Type,
            ["subject"] = $"{Saga.Msn}/{Saga.Id}",
            ["time"] = Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["data"] = Data,
        };
        if (traceParent is not null)
        {
            envelope[CloudEventTrace.TraceParent] = traceParent;
        }

        return JsonSerializer.SerializeToUtf8Bytes(envelope, WireOptions);
    }
}
