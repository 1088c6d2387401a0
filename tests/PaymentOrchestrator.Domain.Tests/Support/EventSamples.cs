using System.Text.Json.Nodes;

namespace PaymentOrchestrator.Domain.Tests.Support;

/// <summary>One valid CloudEvent per incoming type (time 2026-03-02T10:00:00Z), to parse as is or to break.</summary>
public static class EventSamples
{
    public static readonly IReadOnlyDictionary<string, string> Data = new Dictionary<string, string>
    {
        ["payment.requested.v1"] = """
            {"msn":"123456","reference":"order-10001","amount":{"currency":"NOK","value":10000},"userFlow":"WEB_REDIRECT",
             "returnUrl":"https://shop.example/return","customerPhoneNumber":"4712345678","paymentDescription":"Order 10001","paymentMethod":"WALLET",
             "profileScope":["name","address"]}
            """,
        ["payment.capture-requested.v1"] = """
            {"msn":"123456","reference":"order-10001","captureId":"ship-1","amount":{"currency":"NOK","value":4000}}
            """,
        ["payment.cancel-requested.v1"] = """
            {"msn":"123456","reference":"order-10001"}
            """,
        ["payment.refund-requested.v1"] = """
            {"msn":"123456","reference":"order-10001","refundId":"rf-1","amount":{"currency":"NOK","value":1000},"reason":"Returned goods","requestedBy":"finance@shop.example"}
            """,
        ["agreement.requested.v1"] = """
            {"msn":"123456","subscriptionId":"sub-42","pricing":{"type":"LEGACY","currency":"NOK","amount":29900},
             "interval":{"unit":"MONTH","count":1},"productName":"Coffee subscription","productDescription":"Beans monthly",
             "merchantAgreementUrl":"https://shop.example/agreement","merchantRedirectUrl":"https://shop.example/redirect",
             "customerPhoneNumber":"4712345678","profileScope":["email"],
             "initialCharge":{"amount":{"currency":"NOK","value":29900},"description":"First month","transactionType":"DIRECT_CAPTURE"}}
            """,
        ["agreement.stop-requested.v1"] = """
            {"msn":"123456","subscriptionId":"sub-42"}
            """,
        ["charge.requested.v1"] = """
            {"msn":"123456","chargeId":"order-20001","agreementId":"agr_5kSeqz","subscriptionId":"sub-42","amount":{"currency":"NOK","value":29900},
             "description":"March coffee","due":"2026-03-10","retryDays":3,"transactionType":"RESERVE_CAPTURE"}
            """,
        ["charge.capture-requested.v1"] = """
            {"msn":"123456","chargeId":"order-20001","captureId":"cap-1","amount":{"currency":"NOK","value":29900},"description":"March coffee"}
            """,
        ["charge.refund-requested.v1"] = """
            {"msn":"123456","chargeId":"order-20001","refundId":"rf-1","amount":{"currency":"NOK","value":100},"reason":"Goodwill","requestedBy":"finance","description":"Goodwill"}
            """,
        ["charge.cancel-requested.v1"] = """
            {"msn":"123456","chargeId":"order-20001"}
            """,
    };

    public static IEnumerable<string> Types => Data.Keys;

    public static JsonObject Envelope(string type) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = "evt-0001",
        ["source"] = "webshop/acme",
        ["type"] = type,
        ["subject"] = "order-10001",
        ["time"] = "2026-03-02T10:00:00Z",
        ["datacontenttype"] = "application/json",
        ["data"] = JsonNode.Parse(Data[type]),
    };

    public static string Json(string type) => Envelope(type).ToJsonString();

    public static string With(string type, Action<JsonObject> change)
    {
        var envelope = Envelope(type);
        change(envelope);
        return envelope.ToJsonString();
    }

    public static string WithData(string type, Action<JsonObject> change) => With(type, e => change(e["data"]!.AsObject()));
}
