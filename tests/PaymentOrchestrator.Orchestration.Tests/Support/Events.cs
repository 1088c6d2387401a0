using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaymentOrchestrator.Orchestration.Tests.Support;

/// <summary>Builds incoming CloudEvents as webshops and finance publish them.</summary>
internal static class Events
{
    public const string Source = "webshop/acme";

    private static int _counter;

    public static byte[] PaymentRequested(string msn, string reference, long amount, string currency = "NOK", string source = Source, string? id = null, string[]? profileScope = null) =>
        Envelope("payment.requested.v1", source, id, WithScope(new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["amount"] = Amount(amount, currency),
            ["userFlow"] = "WEB_REDIRECT",
            ["returnUrl"] = "https://acme.example/return",
            ["paymentDescription"] = "Order " + reference,
        }, profileScope));

    /// <summary>A PUSH_MESSAGE payment (the flow that skips the landing page): the customer gets a push in the app.</summary>
    public static byte[] PushPaymentRequested(string msn, string reference, long amount) =>
        Envelope("payment.requested.v1", Source, null, new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["amount"] = Amount(amount, "NOK"),
            ["userFlow"] = "PUSH_MESSAGE",
            ["customerPhoneNumber"] = "4791234567",
            ["paymentDescription"] = "Order " + reference,
        });

    /// <summary>The data with <c>profileScope</c> when one is given.</summary>
    private static JsonObject WithScope(JsonObject data, string[]? profileScope)
    {
        if (profileScope is not null)
        {
            data["profileScope"] = new JsonArray([.. profileScope.Select(c => (JsonNode)c)]);
        }

        return data;
    }

    public static byte[] CaptureRequested(string msn, string reference, string captureId, long amount, string currency = "NOK", string? id = null) =>
        Envelope("payment.capture-requested.v1", Source, id, new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["captureId"] = captureId,
            ["amount"] = Amount(amount, currency),
        });

    public static byte[] CancelRequested(string msn, string reference, string? id = null) =>
        Envelope("payment.cancel-requested.v1", Source, id, new JsonObject { ["msn"] = msn, ["reference"] = reference });

    public static byte[] RefundRequested(string msn, string reference, string refundId, long amount, string currency = "NOK", string? id = null) =>
        Envelope("payment.refund-requested.v1", Source, id, new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["refundId"] = refundId,
            ["amount"] = Amount(amount, currency),
            ["reason"] = "Returned goods",
            ["requestedBy"] = "finance@acme.example",
        });

    /// <param name="initialCharge">With an initial charge of the price and this transaction type (DIRECT_CAPTURE, RESERVE_CAPTURE).</param>
    public static byte[] AgreementRequested(
        string msn, string subscriptionId, long price, string? id = null, string[]? profileScope = null, string? initialCharge = null)
    {
        var data = WithScope(new JsonObject
        {
            ["msn"] = msn,
            ["subscriptionId"] = subscriptionId,
            ["pricing"] = new JsonObject { ["type"] = "LEGACY", ["currency"] = "NOK", ["amount"] = price },
            ["interval"] = new JsonObject { ["unit"] = "MONTH", ["count"] = 1 },
            ["productName"] = "Coffee subscription",
            ["merchantAgreementUrl"] = "https://acme.example/subscriptions",
            ["merchantRedirectUrl"] = "https://acme.example/subscriptions/done",
        }, profileScope);
        if (initialCharge is not null)
        {
            data["initialCharge"] = new JsonObject { ["amount"] = Amount(price, "NOK"), ["description"] = "First month", ["transactionType"] = initialCharge };
        }

        return Envelope("agreement.requested.v1", Source, id, data);
    }

    public static byte[] ChargeCaptureRequested(string msn, string chargeId, string captureId, long amount) =>
        Envelope("charge.capture-requested.v1", Source, null, new JsonObject
        {
            ["msn"] = msn, ["chargeId"] = chargeId, ["captureId"] = captureId, ["amount"] = Amount(amount, "NOK"),
        });

    public static byte[] ChargeRefundRequested(string msn, string chargeId, string refundId, long amount) =>
        Envelope("charge.refund-requested.v1", Source, null, new JsonObject
        {
            ["msn"] = msn, ["chargeId"] = chargeId, ["refundId"] = refundId, ["amount"] = Amount(amount, "NOK"),
            ["reason"] = "Goodwill", ["requestedBy"] = "finance@acme.example",
        });

    public static byte[] ChargeRequested(string msn, string chargeId, string agreementId, long amount, DateOnly due, string? id = null) =>
        Envelope("charge.requested.v1", Source, id, new JsonObject
        {
            ["msn"] = msn,
            ["chargeId"] = chargeId,
            ["agreementId"] = agreementId,
            ["amount"] = Amount(amount, "NOK"),
            ["description"] = "Coffee, December",
            ["due"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["retryDays"] = 2,
            ["transactionType"] = "DIRECT_CAPTURE",
        });

    public static string NewReference(string prefix = "order") =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Guid.NewGuid():N}")[..30];

    private static JsonObject Amount(long value, string currency) => new() { ["value"] = value, ["currency"] = currency };

    private static byte[] Envelope(string type, string source, string? id, JsonObject data)
    {
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id ?? string.Create(CultureInfo.InvariantCulture, $"evt-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}"),
            ["source"] = source,
            ["type"] = type,
            ["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }
}
