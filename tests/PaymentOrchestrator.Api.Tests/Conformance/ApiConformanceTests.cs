using PaymentOrchestrator.Testing.Chaos;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>
/// One set of cases, run against both hosts (<see cref="LocalHostConformanceTests"/>, <see cref="FunctionsHostConformanceTests"/>):
/// the same request must get the same answer from the local host over HTTP and from the Functions app's functions.
/// </summary>
public abstract partial class ApiConformanceTests(ApiHost host)
{
    private static readonly Dictionary<string, string> KeyA = new() { ["x-api-key"] = ApiHost.KeyA };
    private static readonly Dictionary<string, string> KeyB = new() { ["x-api-key"] = ApiHost.KeyB };

    [Fact]
    public async Task a_missing_or_wrong_key_gets_401_problem_with_a_challenge()
    {
        var missing = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments");
        var wrong = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments",
            headers: new Dictionary<string, string> { ["x-api-key"] = ApiHost.KeyA + "x" });
        var refund = await host.SendAsync(HttpMethod.Post, "/api/refunds", Refund(ApiHost.MsnA, host.PaymentA, "r-nokey", 100), "application/json");

        foreach (var answer in new[] { missing, wrong, refund })
        {
            Assert.Equal(401, answer.Status);
            AssertProblem(answer, "unauthorized");
            Assert.StartsWith("ApiKey", answer.Header("WWW-Authenticate"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task a_key_reads_and_lists_only_the_sales_units_that_bind_its_source()
    {
        var own = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments", headers: KeyA);
        var other = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnB}/payments", headers: KeyA);
        var otherPayment = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnB}/payments/{host.PaymentB}", headers: KeyA);
        var unknown = await host.SendAsync(HttpMethod.Get, "/api/sales-units/999999/payments", headers: KeyA);
        var me = await host.SendAsync(HttpMethod.Get, "/api/me", headers: KeyA);

        Assert.Equal(200, own.Status);
        Assert.Contains(own.Json.GetProperty("payments").EnumerateArray(), p => p.GetProperty("id").GetString() == host.PaymentA);
        Assert.Equal((404, 404, 404), (other.Status, otherPayment.Status, unknown.Status));
        AssertProblem(other, "UnknownSalesUnit");
        Assert.Equal(other.Json.GetProperty("detail").GetString(), unknown.Json.GetProperty("detail").GetString());
        Assert.Equal(ApiHost.SourceA, me.Json.GetProperty("source").GetString());
        Assert.Equal([ApiHost.MsnA], me.Json.GetProperty("salesUnits").EnumerateArray().Select(u => u.GetProperty("msn").GetString()));
    }

    [Fact]
    public async Task one_payment_is_read_with_its_summary_and_timeline()
    {
        var answer = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments/{host.PaymentA}", headers: KeyA);
        var missing = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments/no-such-order", headers: KeyA);

        Assert.Equal(200, answer.Status);
        Assert.Equal(host.PaymentA, answer.Json.GetProperty("summary").GetProperty("id").GetString());
        Assert.Equal(ApiHost.Captured, answer.Json.GetProperty("summary").GetProperty("capturedMinorUnits").GetInt64());
        Assert.NotEmpty(answer.Json.GetProperty("timeline").EnumerateArray());
        Assert.Equal(404, missing.Status);
        AssertProblem(missing, "not-found");
    }

    [Fact]
    public async Task the_console_and_reconciliation_reads_answer_for_the_keys_own_sales_units_only()
    {
        var list = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payment-list?q={host.PaymentA}&limit=10", headers: KeyA);
        var next = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments/{host.PaymentA}/next", headers: KeyA);
        var attention = await host.SendAsync(HttpMethod.Get, "/api/needs-attention", headers: KeyA);
        var notReconciled = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/reconciliation?date=2026-12-01", headers: KeyA);
        var otherList = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payment-list", headers: KeyB);
        var otherReconciliation = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/reconciliation?date=2026-12-01", headers: KeyB);
        var badLimit = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payment-list?limit=many", headers: KeyA);

        Assert.Equal(200, list.Status);
        Assert.Equal(host.PaymentA, Assert.Single(list.Json.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(200, next.Status);
        Assert.True(next.Json.GetProperty("refundableMinorUnits").GetInt64() > 0);
        Assert.Equal([ApiHost.MsnA], attention.Json.GetProperty("salesUnits").EnumerateArray().Select(u => u.GetProperty("msn").GetString()));
        Assert.Equal(404, notReconciled.Status);
        AssertProblem(notReconciled, "not-reconciled");
        Assert.Equal((404, 404), (otherList.Status, otherReconciliation.Status));
        AssertProblem(otherList, "UnknownSalesUnit");
        Assert.Equal(400, badLimit.Status);
        AssertProblem(badLimit, "InvalidValue");
    }

    [Fact]
    public async Task a_key_cannot_refund_a_payment_of_a_sales_unit_bound_only_to_another_source()
    {
        var answer = await host.SendAsync(HttpMethod.Post, "/api/refunds", Refund(ApiHost.MsnB, host.PaymentB, "r-other", 100), "application/json", KeyA);

        Assert.Equal(404, answer.Status);
        AssertProblem(answer, "UnknownSalesUnit");
        Assert.Empty((await host.PaymentOperationsAsync(ApiHost.MsnB, host.PaymentB)).Refunds);
    }

    [Fact]
    public async Task a_refund_cloudevent_naming_another_source_gets_403_and_changes_nothing()
    {
        var cloudEvent = JsonNode.Parse(Events.RefundRequested(ApiHost.MsnA, host.PaymentA, "r-spoofed", 100))!.AsObject();
        cloudEvent["source"] = ApiHost.SourceB;

        var answer = await host.SendAsync(HttpMethod.Post, "/api/refunds", Encoding.UTF8.GetBytes(cloudEvent.ToJsonString()), "application/cloudevents+json", KeyA);

        Assert.Equal(403, answer.Status);
        AssertProblem(answer, "source-mismatch");
        Assert.DoesNotContain((await host.PaymentOperationsAsync(ApiHost.MsnA, host.PaymentA)).Refunds, r => r.RefundId == "r-spoofed");
    }

    [Fact]
    public async Task a_simple_refund_body_is_accepted_with_202_applied_to_the_saga_and_a_repeat_is_200()
    {
        var refundId = "r-" + Guid.NewGuid().ToString("N")[..12];
        var body = Refund(ApiHost.MsnA, host.PaymentA, refundId, 150);

        var first = await host.SendAsync(HttpMethod.Post, "/api/refunds", body, "application/json; charset=utf-8", KeyA);
        var again = await host.SendAsync(HttpMethod.Post, "/api/refunds", body, "application/json", KeyA);

        Assert.Equal(202, first.Status);
        Assert.Equal("accepted", first.Json.GetProperty("status").GetString());
        Assert.Equal($"/api/sales-units/{ApiHost.MsnA}/payments/{host.PaymentA}?kind=payment", first.Header("Location"));
        var refund = Assert.Single((await host.PaymentOperationsAsync(ApiHost.MsnA, host.PaymentA)).Refunds, r => r.RefundId == refundId);
        Assert.Equal((150L, "finance@a.example"), (refund.Amount.MinorUnits, refund.RequestedBy));
        Assert.Equal(200, again.Status);
        Assert.Equal("duplicate", again.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task a_body_over_256_kib_gets_413()
    {
        var huge = Encoding.UTF8.GetBytes("{\"msn\":\"" + new string('1', 300 * 1024) + "\"}");

        var answer = await host.SendAsync(HttpMethod.Post, "/api/refunds", huge, "application/json", KeyA);

        Assert.Equal(413, answer.Status);
        AssertProblem(answer, "too-large");
    }

    [Fact]
    public async Task a_body_that_is_not_json_by_content_type_gets_415()
    {
        var answer = await host.SendAsync(HttpMethod.Post, "/api/refunds", Refund(ApiHost.MsnA, host.PaymentA, "r-text", 100), "text/plain", KeyA);

        Assert.Equal(415, answer.Status);
        AssertProblem(answer, "unsupported-media-type");
    }

    [Fact]
    public async Task malformed_json_gets_400_problem_with_a_code()
    {
        var broken = await host.SendAsync(HttpMethod.Post, "/api/refunds", "{\"msn\":"u8.ToArray(), "application/json", KeyA);
        var twice = await host.SendAsync(HttpMethod.Post, "/api/refunds", "{\"msn\":\"1\",\"msn\":\"2\"}"u8.ToArray(), "application/json", KeyA);

        Assert.Equal((400, 400), (broken.Status, twice.Status));
        AssertProblem(broken, "malformed-json");
        AssertProblem(twice, "malformed-json");
    }

    [Fact]
    public async Task a_webhook_with_a_bad_signature_gets_401_and_changes_nothing()
    {
        // Other tests of the class refund payment A; compare it at rest.
        await host.WaitUntilIdleAsync(ApiHost.MsnA, host.PaymentA);
        var before = (await host.LoadAsync(ApiHost.MsnA, host.PaymentA))!.State;
        var body = Webhook(host.PaymentA);
        var (date, hash, authorization) = WebhookSignature.Sign(body, ApiHost.WebhookUrl, Now(), "not-the-secret-0123456789");

        var answer = await host.SendAsync(HttpMethod.Post, "/api/vipps/webhooks", body, "application/json", Signed(date, hash, authorization));

        Assert.Equal(401, answer.Status);
        AssertProblem(answer, "webhook-signature");
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize((await host.LoadAsync(ApiHost.MsnA, host.PaymentA))!.State));
    }

    [Fact]
    public async Task a_webhook_with_a_good_signature_is_applied_to_its_saga()
    {
        // Payment A is captured in full, so its CAPTURED webhook would tell the saga nothing (no read-back, no timeline
        // entry); a REFUNDED one with no refund of its own in flight is read back. Other tests refund A: wait for rest.
        await host.WaitUntilIdleAsync(ApiHost.MsnA, host.PaymentA);
        var body = Webhook(host.PaymentA, "epayments.payment.refunded.v1");
        var (date, hash, authorization) = WebhookSignature.Sign(body, ApiHost.WebhookUrl, Now(), ApiHost.WebhookSecret);

        var answer = await host.SendAsync(HttpMethod.Post, "/api/vipps/webhooks", body, "application/json", Signed(date, hash, authorization));

        Assert.Equal(200, answer.Status);
        Assert.Equal("applied", answer.Json.GetProperty("status").GetString());
        var view = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments/{host.PaymentA}", headers: KeyA);
        Assert.Contains(view.Json.GetProperty("timeline").EnumerateArray(),
            e => e.GetProperty("summary").GetString()!.Contains("Webhook epayments.payment.refunded.v1 received", StringComparison.Ordinal));
    }

    [Fact]
    public async Task health_answers_healthy_without_a_key()
    {
        var answer = await host.SendAsync(HttpMethod.Get, "/api/health");

        Assert.Equal(200, answer.Status);
        Assert.Equal("Healthy", answer.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task the_console_is_served_at_the_root_with_a_strict_csp_and_its_files_under_console()
    {
        var page = await host.SendAsync(HttpMethod.Get, "/");
        var script = await host.SendAsync(HttpMethod.Get, "/console/app.js");
        var missing = await host.SendAsync(HttpMethod.Get, "/console/no-such-file.js");
        var notTheRoot = await host.SendAsync(HttpMethod.Get, "/index");

        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType, StringComparison.Ordinal);
        Assert.Contains("<html", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", page.Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", page.Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal(200, script.Status);
        Assert.StartsWith("text/javascript", script.ContentType, StringComparison.Ordinal);
        Assert.Equal(404, missing.Status);
        AssertProblem(missing, "not-found");
        Assert.Equal(404, notTheRoot.Status);
    }

    private DateTimeOffset Now() => host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private static Dictionary<string, string> Signed(string date, string hash, string authorization) => new()
    {
        ["x-ms-date"] = date,
        ["x-ms-content-sha256"] = hash,
        ["Authorization"] = authorization,
    };

    private static byte[] Webhook(string reference, string name = "epayments.payment.captured.v1") => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["msn"] = ApiHost.MsnA,
        ["reference"] = reference,
        ["pspReference"] = "psp-" + reference,
        ["name"] = name,
        ["amount"] = new JsonObject { ["currency"] = "NOK", ["value"] = ApiHost.Captured },
        ["timestamp"] = "2026-12-03T06:00:00Z",
        ["success"] = true,
    }.ToJsonString());

    private static byte[] Refund(string msn, string reference, string refundId, long amount) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["msn"] = msn,
        ["reference"] = reference,
        ["refundId"] = refundId,
        ["amount"] = new JsonObject { ["value"] = amount, ["currency"] = msn == ApiHost.MsnA ? "NOK" : "DKK" },
        ["reason"] = "Returned goods",
        ["requestedBy"] = "finance@a.example",
    }.ToJsonString());

    private static void AssertProblem(ApiAnswer answer, string code)
    {
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal(code, answer.Json.GetProperty("code").GetString());
        Assert.Equal(answer.Status, answer.Json.GetProperty("status").GetInt32());
    }
}

/// <summary>
/// The suite against the local host over real HTTP, plus what only a real HTTP server shows: the framework's own answers
/// (no route, wrong method, HEAD, a request target or headers over the limits), which must be problems with a code too.
/// </summary>
public sealed class LocalHostConformanceTests(LocalApiHost host) : ApiConformanceTests(host), IClassFixture<LocalApiHost>
{
    [Fact]
    public async Task the_frameworks_own_errors_are_problems_with_a_code_and_the_api_headers()
    {
        var noRoute = await host.SendAsync(HttpMethod.Get, "/api/no-such-route");
        var wrongMethod = await host.SendAsync(HttpMethod.Delete, "/api/health");
        var longTarget = await host.SendAsync(HttpMethod.Get, "/api/health?x=" + new string('a', 9000));
        var bigHeaders = await host.SendAsync(HttpMethod.Get, "/api/health", headers: new Dictionary<string, string> { ["X-Big"] = new string('b', 40_000) });

        foreach (var (answer, status, code) in new[] { (noRoute, 404, "not-found"), (wrongMethod, 405, "method-not-allowed"),
                     (longTarget, 414, "uri-too-long"), (bigHeaders, 431, "headers-too-large") })
        {
            Assert.Equal(status, answer.Status);
            Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
            Assert.Equal(code, answer.Json.GetProperty("code").GetString());
            Assert.Equal("nosniff", answer.Header("X-Content-Type-Options"));
        }
    }

    [Fact]
    public async Task head_answers_like_get_without_a_body()
    {
        var head = await host.SendAsync(HttpMethod.Head, "/api/health");
        var headPayments = await host.SendAsync(HttpMethod.Head, $"/api/sales-units/{ApiHost.MsnA}/payments", headers: new Dictionary<string, string> { ["x-api-key"] = ApiHost.KeyA });

        Assert.Equal((200, 200), (head.Status, headPayments.Status));
        Assert.Equal(string.Empty, head.Body);
    }
}

/// <summary>The suite against the Functions app's HTTP functions, called with an HttpContext.</summary>
public sealed class FunctionsHostConformanceTests(FunctionsApiHost host) : ApiConformanceTests(host), IClassFixture<FunctionsApiHost>;
