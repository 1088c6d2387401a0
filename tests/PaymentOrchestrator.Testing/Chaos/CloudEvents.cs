using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaymentOrchestrator.Testing.Chaos;

/// <summary>Incoming CloudEvents and signed Vipps webhooks as publishers and Vipps send them, with explicit ids.</summary>
public static class CloudEvents
{
    public const string Source = "webshop/chaos";

    public static byte[] PaymentRequested(string id, string msn, string reference, long amount, string currency = "NOK", string source = Source) =>
        Envelope("payment.requested.v1", id, source, new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["amount"] = Amount(amount, currency),
            ["userFlow"] = "WEB_REDIRECT",
            ["returnUrl"] = "https://shop.example/return",
            ["paymentDescription"] = "Order " + reference,
        });

    public static byte[] CaptureRequested(string id, string msn, string reference, string captureId, long amount, string currency = "NOK") =>
        Envelope("payment.capture-requested.v1", id, Source, new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["captureId"] = captureId,
            ["amount"] = Amount(amount, currency),
        });

    public static byte[] RefundRequested(string id, string msn, string reference, string refundId, long amount, string currency = "NOK") =>
        Envelope("payment.refund-requested.v1", id, Source, new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["refundId"] = refundId,
            ["amount"] = Amount(amount, currency),
            ["reason"] = "Returned goods",
            ["requestedBy"] = "finance@shop.example",
        });

    public static byte[] CancelRequested(string id, string msn, string reference) =>
        Envelope("payment.cancel-requested.v1", id, Source, new JsonObject { ["msn"] = msn, ["reference"] = reference });

    public static byte[] Envelope(string type, string id, string source, JsonNode data, DateTimeOffset? time = null)
    {
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = type,
            ["time"] = (time ?? new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    public static JsonObject Amount(long value, string currency) => new() { ["value"] = value, ["currency"] = currency };

    /// <summary>An ePayment webhook body as Vipps sends it.</summary>
    public static byte[] PaymentWebhook(string msn, string reference, string name, long amount, string currency = "NOK") =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["pspReference"] = "psp-" + reference,
            ["name"] = name,
            ["amount"] = Amount(amount, currency),
            ["timestamp"] = "2025-06-01T12:00:00Z",
            ["idempotencyKey"] = null,
            ["success"] = true,
        });
}

/// <summary>Signs a webhook exactly as Vipps documents it (request-authentication.md): x-ms-date, content hash, HMAC over the registered URL.</summary>
public static class WebhookSignature
{
    public static (string Date, string Hash, string Authorization) Sign(byte[] body, Uri registered, DateTimeOffset at, string secret)
    {
        var date = at.ToString("r", CultureInfo.InvariantCulture);
        var hash = Convert.ToBase64String(SHA256.HashData(body));
        var toSign = $"POST\n{registered.PathAndQuery}\n{date};{registered.Authority};{hash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(toSign)));
        return (date, hash, "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
    }
}
