using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Api;

/// <summary>
/// Turns the body of <c>POST /api/refunds</c> into the CloudEvent finance would put on <c>refund-requests</c>:
/// <c>{"msn","reference" | "chargeId","refundId","amount":{"value","currency"},"reason","requestedBy","description"?}</c>.
/// The event id is derived from the refund and its content (so a retried POST is a duplicate, not a second refund) and the source is the
/// caller's. The parser then checks every field as for a queued event.
/// </summary>
internal static class RefundRequestEvents
{
    public static (byte[]? Event, string? Id, string? Error) FromBody(JsonObject body, string source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        var msn = Text(body, "msn");
        var reference = Text(body, "reference");
        var chargeId = Text(body, "chargeId");
        var refundId = Text(body, "refundId");
        if (msn is null || refundId is null || (reference is null) == (chargeId is null))
        {
            return (null, null, "Give msn, refundId and exactly one of reference (ePayment) or chargeId (Recurring charge), with amount {value, currency}, reason and requestedBy.");
        }

        var type = reference is not null ? IncomingEventTypes.PaymentRefundRequested : IncomingEventTypes.ChargeRefundRequested;
        var data = (JsonObject)body.DeepClone();
        var id = $"api-refund:{msn}:{reference ?? chargeId}:{refundId}:{ContentHash(body)}";
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = type,
            ["subject"] = $"{msn}/{reference ?? chargeId}",
            ["time"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        };
        return (JsonSerializer.SerializeToUtf8Bytes(envelope), id, null);
    }

    /// <summary>
    /// Part of the event id: a retried POST of the same body is the same event (a duplicate), while the same refundId
    /// with another amount, reason or requester is another event, which the saga refuses as refund-id-reused.
    /// </summary>
    private static string ContentHash(JsonObject body) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(Canonical(body))))[..16];

    /// <summary>The same content whatever the order of its keys, at every depth (an amount's value and currency too).</summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Canonical)]),
        _ => node?.DeepClone(),
    };

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
