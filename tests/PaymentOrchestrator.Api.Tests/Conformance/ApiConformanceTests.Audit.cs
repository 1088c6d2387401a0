using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>Who did what: a refund records the API key's name and source and the time, from authentication only.</summary>
public abstract partial class ApiConformanceTests
{
    [Fact]
    public async Task a_refund_records_the_keys_name_source_and_time_and_the_payment_view_returns_them()
    {
        var refundId = "audit-" + Guid.NewGuid().ToString("N")[..12];
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        var answer = await host.SendAsync(HttpMethod.Post, "/api/refunds", Refund(ApiHost.MsnA, host.PaymentA, refundId, 100), "application/json", KeyA);
        var view = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments/{host.PaymentA}", headers: KeyA);

        Assert.Equal(202, answer.Status);
        var refund = RefundIn(view, refundId);
        Assert.Equal("finance-a", refund.GetProperty("requestedByKey").GetString());
        Assert.Equal(ApiHost.SourceA, refund.GetProperty("requestedBySource").GetString());
        Assert.Equal("finance@a.example", refund.GetProperty("requestedBy").GetString());
        Assert.InRange(refund.GetProperty("requestedAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddMinutes(1));
        // The name, never the key.
        Assert.DoesNotContain(ApiHost.KeyA, view.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_client_cannot_choose_the_recorded_key_name_only_its_free_text_note()
    {
        var forgedId = "forged-" + Guid.NewGuid().ToString("N")[..12];
        var body = JsonNode.Parse(Refund(ApiHost.MsnA, host.PaymentA, forgedId, 100))!.AsObject();
        body["requestedByKey"] = "the-ceo";
        var forged = await host.SendAsync(HttpMethod.Post, "/api/refunds", Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", KeyA);

        // A whole CloudEvent of the key's own source, with a made-up extension naming someone else: the key's name is recorded.
        var eventId = "ce-" + Guid.NewGuid().ToString("N")[..12];
        var cloudEvent = JsonNode.Parse(Events.RefundRequested(ApiHost.MsnA, host.PaymentA, eventId, 100, id: eventId))!.AsObject();
        cloudEvent["source"] = ApiHost.SourceA;
        cloudEvent["requestedbykey"] = "the-ceo";
        cloudEvent["data"]!["requestedBy"] = "the-ceo";
        var whole = await host.SendAsync(HttpMethod.Post, "/api/refunds", Encoding.UTF8.GetBytes(cloudEvent.ToJsonString()), "application/cloudevents+json", KeyA);
        var view = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments/{host.PaymentA}", headers: KeyA);

        Assert.Equal(400, forged.Status);
        Assert.DoesNotContain((await host.PaymentOperationsAsync(ApiHost.MsnA, host.PaymentA)).Refunds, r => r.RefundId == forgedId);
        Assert.Equal(202, whole.Status);
        var refund = RefundIn(view, eventId);
        Assert.Equal(("finance-a", ApiHost.SourceA, "the-ceo"),
            (refund.GetProperty("requestedByKey").GetString(), refund.GetProperty("requestedBySource").GetString(), refund.GetProperty("requestedBy").GetString()));
    }

    [Fact]
    public async Task a_payment_of_a_foreign_or_unknown_sales_unit_is_the_same_404_with_no_audit_in_it()
    {
        var foreign = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnB}/payments/{host.PaymentB}", headers: KeyA);
        var unknown = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/999999/payments/{host.PaymentB}", headers: KeyA);

        Assert.Equal((404, 404), (foreign.Status, unknown.Status));
        AssertProblem(foreign, "UnknownSalesUnit");
        Assert.Equal(
            (unknown.Json.GetProperty("code").GetString(), unknown.Json.GetProperty("title").GetString(), unknown.Json.GetProperty("detail").GetString()),
            (foreign.Json.GetProperty("code").GetString(), foreign.Json.GetProperty("title").GetString(), foreign.Json.GetProperty("detail").GetString()));
        Assert.DoesNotContain("requestedByKey", foreign.Body, StringComparison.Ordinal);
    }

    private static JsonElement RefundIn(ApiAnswer view, string refundId)
    {
        Assert.Equal(200, view.Status);
        return Assert.Single(view.Json.GetProperty("state").GetProperty("refunds").EnumerateArray(), r => r.GetProperty("refundId").GetString() == refundId);
    }
}
