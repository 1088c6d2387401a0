using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Local.Events;

/// <summary>
/// Builds incoming CloudEvents (structured JSON) as webshops and finance publish them: used by <c>send</c>, the demo and
/// the end-to-end tests. Ids are random unless given; the time is the given clock's.
/// </summary>
public sealed class EventFactory(TimeProvider time, string source)
{
    public string Source { get; } = source;

    public byte[] PaymentRequested(
        string msn, string reference, long amount, string currency, string? returnUrl = null, string? description = null, string? id = null,
        IReadOnlyList<string>? profileScope = null) =>
        Envelope(IncomingEventTypes.PaymentRequested, id, WithProfileScope(new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["amount"] = Amount(amount, currency),
            ["userFlow"] = "WEB_REDIRECT",
            ["returnUrl"] = returnUrl ?? "https://shop.example/orders/" + reference,
            ["paymentDescription"] = description ?? "Order " + reference,
        }, profileScope));

    public byte[] PaymentCaptureRequested(string msn, string reference, string captureId, long amount, string currency, string? id = null) =>
        Envelope(IncomingEventTypes.PaymentCaptureRequested, id, new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["captureId"] = captureId,
            ["amount"] = Amount(amount, currency),
        });

    public byte[] PaymentCancelRequested(string msn, string reference, string? id = null) =>
        Envelope(IncomingEventTypes.PaymentCancelRequested, id, new JsonObject { ["msn"] = msn, ["reference"] = reference });

    public byte[] PaymentRefundRequested(
        string msn, string reference, string refundId, long amount, string currency, string reason, string requestedBy, string? id = null) =>
        Envelope(IncomingEventTypes.PaymentRefundRequested, id, new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["refundId"] = refundId,
            ["amount"] = Amount(amount, currency),
            ["reason"] = reason,
            ["requestedBy"] = requestedBy,
        });

    public byte[] AgreementRequested(
        string msn, string subscriptionId, long price, string currency, string productName, string interval = "MONTH", int intervalCount = 1,
        string? id = null, IReadOnlyList<string>? profileScope = null) =>
        Envelope(IncomingEventTypes.AgreementRequested, id, WithProfileScope(new JsonObject
        {
            ["msn"] = msn,
            ["subscriptionId"] = subscriptionId,
            ["pricing"] = new JsonObject { ["type"] = "LEGACY", ["currency"] = currency, ["amount"] = price },
            ["interval"] = new JsonObject { ["unit"] = interval, ["count"] = intervalCount },
            ["productName"] = productName,
            ["merchantAgreementUrl"] = "https://shop.example/subscriptions/" + subscriptionId,
            ["merchantRedirectUrl"] = "https://shop.example/subscriptions/" + subscriptionId + "/done",
        }, profileScope));

    /// <summary>The data with <c>profileScope</c> (the customer details to ask Vipps for) when any are given.</summary>
    private static JsonObject WithProfileScope(JsonObject data, IReadOnlyList<string>? profileScope)
    {
        if (profileScope is { Count: > 0 })
        {
            data["profileScope"] = new JsonArray([.. profileScope.Select(claim => (JsonNode)claim)]);
        }

        return data;
    }

    public byte[] AgreementStopRequested(string msn, string subscriptionId, string? id = null) =>
        Envelope(IncomingEventTypes.AgreementStopRequested, id, new JsonObject { ["msn"] = msn, ["subscriptionId"] = subscriptionId });

    public byte[] ChargeRequested(
        string msn, string chargeId, string agreementId, long amount, string currency, DateOnly due, string description,
        int retryDays = 2, string transactionType = "DIRECT_CAPTURE", string? subscriptionId = null, string? id = null)
    {
        var data = new JsonObject
        {
            ["msn"] = msn,
            ["chargeId"] = chargeId,
            ["agreementId"] = agreementId,
            ["amount"] = Amount(amount, currency),
            ["description"] = description,
            ["due"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["retryDays"] = retryDays,
            ["transactionType"] = transactionType,
        };
        if (subscriptionId is not null)
        {
            data["subscriptionId"] = subscriptionId;
        }

        return Envelope(IncomingEventTypes.ChargeRequested, id, data);
    }

    public byte[] ChargeCaptureRequested(string msn, string chargeId, string captureId, long amount, string currency, string? id = null) =>
        Envelope(IncomingEventTypes.ChargeCaptureRequested, id, new JsonObject
        {
            ["msn"] = msn,
            ["chargeId"] = chargeId,
            ["captureId"] = captureId,
            ["amount"] = Amount(amount, currency),
        });

    public byte[] ChargeRefundRequested(
        string msn, string chargeId, string refundId, long amount, string currency, string reason, string requestedBy, string? id = null) =>
        Envelope(IncomingEventTypes.ChargeRefundRequested, id, new JsonObject
        {
            ["msn"] = msn,
            ["chargeId"] = chargeId,
            ["refundId"] = refundId,
            ["amount"] = Amount(amount, currency),
            ["reason"] = reason,
            ["requestedBy"] = requestedBy,
        });

    public byte[] ChargeCancelRequested(string msn, string chargeId, string? id = null) =>
        Envelope(IncomingEventTypes.ChargeCancelRequested, id, new JsonObject { ["msn"] = msn, ["chargeId"] = chargeId });

    /// <summary>A CloudEvent of <paramref name="type"/> around <paramref name="data"/>.</summary>
    public byte[] Envelope(string type, string? id, JsonObject data)
    {
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id ?? NewId(),
            ["source"] = Source,
            ["type"] = type,
            ["time"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    /// <summary>A random event id, e.g. <c>evt-3f9a…</c>.</summary>
    public static string NewId() => "evt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static JsonObject Amount(long value, string currency) => new() { ["value"] = value, ["currency"] = currency };
}
