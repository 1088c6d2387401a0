using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Api.DeadLetters;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>
/// What an attacker or a demanding client tried (issue 21), on both hosts: rights on finance's routes, units a key may
/// not see, bodies no strict reader would take, answers that must be precise rather than a 500, and the headers and
/// shapes of every answer.
/// </summary>
public abstract partial class ApiConformanceTests
{
    private static readonly Dictionary<string, string> WebshopKey = new() { ["x-api-key"] = ApiHost.KeyWebshop };

    /// <summary>The host's name of the refund-requests queue (the local test host's queue names carry a suffix).</summary>
    private string RefundQueue => host.Services.GetRequiredService<IDeadLetterQueues>().WorkQueues.Single(q => q.Contains("refund", StringComparison.Ordinal));

    [Fact]
    public async Task a_webshop_key_without_the_reads_right_gets_403_on_dead_letters_replay_and_needs_attention()
    {
        var list = await host.SendAsync(HttpMethod.Get, "/api/dead-letters", headers: WebshopKey);
        var replay = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{RefundQueue}/replay", "{\"all\":true}"u8.ToArray(), "application/json", WebshopKey);
        var attention = await host.SendAsync(HttpMethod.Get, "/api/needs-attention", headers: WebshopKey);
        var finance = await host.SendAsync(HttpMethod.Get, "/api/dead-letters", headers: KeyA);

        foreach (var answer in new[] { list, replay, attention })
        {
            Assert.Equal(403, answer.Status);
            AssertProblem(answer, "source-not-permitted");
        }

        Assert.Equal(200, finance.Status);
    }

    [Fact]
    public async Task a_refund_for_another_sources_disabled_sales_unit_answers_exactly_as_an_unknown_one()
    {
        const string hidden = "445566";
        await host.Services.GetRequiredService<SalesUnitStore>().RegisterAsync(new SalesUnitRegistration(
            Msn.Create(hidden).Value, "Hidden", Market.Norway, VippsEnvironment.Production, "partner", [ApiHost.SourceB], SalesUnitStatus.Disabled));

        var disabled = await host.SendAsync(HttpMethod.Post, "/api/refunds", Refund(hidden, "order-hidden-1", "r-probe", 777), "application/json", KeyA);
        var unknown = await host.SendAsync(HttpMethod.Post, "/api/refunds", Refund("445567", "order-hidden-1", "r-probe", 777), "application/json", KeyA);

        Assert.Equal((404, 404), (disabled.Status, unknown.Status));
        AssertProblem(disabled, "UnknownSalesUnit");
        Assert.Equal(unknown.Json.GetProperty("detail").GetString(), disabled.Json.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("lone surrogate", "\"a\\ud800b\"")]
    [InlineData("right-to-left override", "\"refund \u202Edetaler\"")]
    [InlineData("zero-width space", "\"re\u200Bfund\"")]
    [InlineData("escape sequence", "\"\\u001b[2Jcleared\"")]
    public async Task a_reason_with_text_that_lies_to_people_or_terminals_gets_400_invalid_text_and_changes_nothing(string what, string reason)
    {
        var refundId = "r-text-" + what.Replace(' ', '-');
        var answer = await host.SendAsync(HttpMethod.Post, "/api/refunds", RawRefund(refundId, reason), "application/json", KeyA);

        Assert.Equal(400, answer.Status);
        AssertProblem(answer, "invalid-text");
        Assert.Contains("$.reason", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await host.PaymentOperationsAsync(ApiHost.MsnA, host.PaymentA)).Refunds, r => r.RefundId == refundId);
    }

    [Fact]
    public async Task a_property_name_with_control_characters_is_refused_without_echoing_it()
    {
        var answer = await host.SendAsync(HttpMethod.Post, "/api/refunds", RawRefund("r-name", "\"x\"", ",\"\\u001b[31mred\\r\\b\":1"), "application/json", KeyA);

        Assert.Equal(400, answer.Status);
        AssertProblem(answer, "invalid-text");
        Assert.DoesNotContain("red", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task invalid_utf8_gets_400_instead_of_being_replaced_and_accepted()
    {
        var body = Refund(ApiHost.MsnA, host.PaymentA, "r-utf8", 100);
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("Returned goods", "Returned \u0001goods", StringComparison.Ordinal));
        broken[Array.IndexOf(broken, (byte)1)] = 0xC3; // a lead byte with no continuation byte after it

        var answer = await host.SendAsync(HttpMethod.Post, "/api/refunds", broken, "application/json", KeyA);

        Assert.Equal(400, answer.Status);
        AssertProblem(answer, "malformed-json");
        Assert.DoesNotContain((await host.PaymentOperationsAsync(ApiHost.MsnA, host.PaymentA)).Refunds, r => r.RefundId == "r-utf8");
    }

    [Fact]
    public async Task a_replay_body_with_a_key_given_twice_gets_400_not_500()
    {
        var answer = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{RefundQueue}/replay", "{\"all\":false,\"all\":true}"u8.ToArray(), "application/json", KeyA);
        var unknownField = await host.SendAsync(HttpMethod.Post, $"/api/dead-letters/{RefundQueue}/replay", "{\"every\":true}"u8.ToArray(), "application/json", KeyA);

        Assert.Equal((400, 400), (answer.Status, unknownField.Status));
        AssertProblem(answer, "malformed-json");
        AssertProblem(unknownField, "InvalidValue");
    }

    [Fact]
    public async Task the_same_refund_with_its_keys_in_another_order_is_a_duplicate_at_every_depth()
    {
        var refundId = "r-order-" + Guid.NewGuid().ToString("N")[..8];
        var first = Encoding.UTF8.GetBytes(
            $"{{\"msn\":\"{ApiHost.MsnA}\",\"reference\":\"{host.PaymentA}\",\"refundId\":\"{refundId}\",\"amount\":{{\"value\":100,\"currency\":\"NOK\"}},\"reason\":\"r\",\"requestedBy\":\"f\"}}");
        var reordered = Encoding.UTF8.GetBytes(
            $"{{\"requestedBy\":\"f\",\"reason\":\"r\",\"amount\":{{\"currency\":\"NOK\",\"value\":100}},\"refundId\":\"{refundId}\",\"reference\":\"{host.PaymentA}\",\"msn\":\"{ApiHost.MsnA}\"}}");

        var accepted = await host.SendAsync(HttpMethod.Post, "/api/refunds", first, "application/json", KeyA);
        var again = await host.SendAsync(HttpMethod.Post, "/api/refunds", reordered, "application/json", KeyA);

        Assert.Equal(202, accepted.Status);
        Assert.Equal(200, again.Status);
        Assert.Equal("duplicate", again.Json.GetProperty("status").GetString());
        Assert.Equal(accepted.Json.GetProperty("eventId").GetString(), again.Json.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task a_refund_cloudevent_whose_subject_names_another_sales_unit_gets_400()
    {
        var cloudEvent = JsonNode.Parse(Events.RefundRequested(ApiHost.MsnA, host.PaymentA, "r-subject", 100))!.AsObject();
        cloudEvent["source"] = ApiHost.SourceA;
        cloudEvent["subject"] = $"{ApiHost.MsnB}/{host.PaymentA}";

        var answer = await host.SendAsync(HttpMethod.Post, "/api/refunds", Encoding.UTF8.GetBytes(cloudEvent.ToJsonString()), "application/cloudevents+json", KeyA);

        Assert.Equal(400, answer.Status);
        AssertProblem(answer, "InvalidValue");
        Assert.Contains("$.subject", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1/2/2026")]
    [InlineData("2026-12-03 10:00")]
    [InlineData("Dec 3 2026")]
    [InlineData("٢٠٢٦-١٢-٠٣")]
    public async Task from_and_to_take_only_iso_8601(string value)
    {
        var answer = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payment-list?from={Uri.EscapeDataString(value)}", headers: KeyA);
        var iso = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payment-list?from=2026-01-02&to=2099-12-03T10:00:00Z", headers: KeyA);

        Assert.Equal(400, answer.Status);
        AssertProblem(answer, "InvalidValue");
        Assert.Equal(200, iso.Status);
    }

    [Theory]
    [InlineData("payment-list", "to=0001-01-01")]
    [InlineData("payment-list", "to=0001-01-01T00:00:00Z")]
    [InlineData("payments-totals", "to=0001-01-01")]
    [InlineData("payment-list", "from=9999-12-31T23:59:59.9999999Z")]
    [InlineData("payments-totals", "from=9999-12-31T23:59:59.9999999Z")]
    public async Task the_earliest_and_latest_instants_are_an_empty_answer_not_an_error(string route, string query)
    {
        var answer = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/{route}?{query}", headers: KeyA);

        Assert.Equal(200, answer.Status);
        Assert.DoesNotContain(host.PaymentA, answer.Body, StringComparison.Ordinal);
        if (route == "payments-totals")
        {
            Assert.Equal(0, answer.Json.GetProperty("count").GetInt32());
        }
    }

    [Fact]
    public async Task every_api_answer_is_never_cached_or_sniffed()
    {
        var answers = new[]
        {
            await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments/{host.PaymentA}", headers: KeyA),
            await host.SendAsync(HttpMethod.Get, "/api/sales-units/999999/payments", headers: KeyA),
            await host.SendAsync(HttpMethod.Get, "/api/me"),
            await host.SendAsync(HttpMethod.Post, "/api/refunds", "{"u8.ToArray(), "application/json", KeyA),
            await host.SendAsync(HttpMethod.Get, "/api/health"),
        };

        Assert.Equal([200, 404, 401, 400, 200], answers.Select(a => a.Status));
        foreach (var answer in answers)
        {
            Assert.Equal("no-store", answer.Header("Cache-Control"));
            Assert.Equal("nosniff", answer.Header("X-Content-Type-Options"));
        }
    }

    [Fact]
    public async Task health_tells_a_stranger_only_up_or_down_and_a_key_the_details()
    {
        var anonymous = await host.SendAsync(HttpMethod.Get, "/api/health");
        var withKey = await host.SendAsync(HttpMethod.Get, "/api/health", headers: KeyA);

        Assert.Equal(200, anonymous.Status);
        Assert.Equal(["status"], anonymous.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(200, withKey.Status);
        Assert.Equal(1, withKey.Json.GetProperty("salesUnits").GetInt32());
        Assert.True(withKey.Json.TryGetProperty("queues", out _));
    }

    [Fact]
    public async Task fifty_concurrent_refunds_on_one_payment_get_no_5xx_and_each_accepted_one_is_applied_once()
    {
        var prefix = "r-race-" + Guid.NewGuid().ToString("N")[..6] + "-";

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            host.SendAsync(HttpMethod.Post, "/api/refunds", Refund(ApiHost.MsnA, host.PaymentA, prefix + i, 1), "application/json", KeyA)));

        Assert.All(answers, a => Assert.True(a.Status is 202 or 429, $"{a.Status}: {a.Body}"));
        Assert.All(answers.Where(a => a.Status == 429), a => Assert.NotNull(a.Header("Retry-After")));
        var operations = await host.PaymentOperationsAsync(ApiHost.MsnA, host.PaymentA);
        Assert.Equal(answers.Count(a => a.Status == 202), operations.Refunds.Count(r => r.RefundId.StartsWith(prefix, StringComparison.Ordinal)));
        // The accepted refunds run on after the answers: the other tests of this class read payment A at rest.
        await host.WaitUntilIdleAsync(ApiHost.MsnA, host.PaymentA);
    }

    /// <summary>A refund body of payment A written by hand: <paramref name="reason"/> as a JSON literal, then any <paramref name="extra"/> members.</summary>
    private byte[] RawRefund(string refundId, string reason, string extra = "") => Encoding.UTF8.GetBytes(
        $"{{\"msn\":\"{ApiHost.MsnA}\",\"reference\":\"{host.PaymentA}\",\"refundId\":\"{refundId}\",\"amount\":{{\"value\":100,\"currency\":\"NOK\"}},\"reason\":{reason},\"requestedBy\":\"finance@a.example\"{extra}}}");
}
