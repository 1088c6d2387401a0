using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using VippsEnvironment = PaymentOrchestrator.Vipps.VippsEnvironment;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>The server-side CSV export and "Reconcile now" (issue 24 items 3 and 6), the same on both hosts; the totals' rights with the export's.</summary>
public abstract partial class ApiConformanceTests
{
    private static string Today(int plusDays = 0) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ExportPath(string msn, string query = "") =>
        $"/api/sales-units/{msn}/payments-export?from={Today(-1)}&to={Today(2)}{query}";

    [Theory]
    [InlineData("payments-export")]
    [InlineData("payments-totals")]
    public async Task the_export_or_totals_of_another_sources_or_an_unknown_sales_unit_is_the_same_404_as_the_list_and_a_webshop_key_gets_403(string route)
    {
        string PathOf(string msn) => route == "payments-export" ? ExportPath(msn) : $"/api/sales-units/{msn}/{route}";
        var foreign = await host.SendAsync(HttpMethod.Get, PathOf(ApiHost.MsnB), headers: KeyA);
        var unknown = await host.SendAsync(HttpMethod.Get, PathOf("999999"), headers: KeyA);
        var foreignList = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnB}/payment-list", headers: KeyA);
        var noKey = await host.SendAsync(HttpMethod.Get, PathOf(ApiHost.MsnA));
        var webshop = await host.SendAsync(HttpMethod.Get, PathOf(ApiHost.MsnA), headers: new Dictionary<string, string> { ["x-api-key"] = ApiHost.KeyWebshop });

        foreach (var answer in new[] { foreign, unknown })
        {
            Assert.Equal(404, answer.Status);
            AssertProblem(answer, "UnknownSalesUnit");
            Assert.Equal(foreignList.Json.GetProperty("detail").GetString(), answer.Json.GetProperty("detail").GetString());
            Assert.DoesNotContain(host.PaymentB, answer.Body, StringComparison.Ordinal);
        }

        Assert.Equal(401, noKey.Status);
        Assert.Equal(403, webshop.Status);
        AssertProblem(webshop, "source-not-permitted");
    }

    [Theory]
    [InlineData("", "from and to")]
    [InlineData("from=2026-12-01", "from and to")]
    [InlineData("from=2026-12-08&to=2026-12-01", "to must be after from")]
    [InlineData("from=2025-01-01&to=2026-12-01", "366 days")]
    [InlineData("from=01.12.2026&to=2026-12-08", "ISO 8601")]
    [InlineData("from=2026-12-01&to=2026-12-08&separator=tab", "separator")]
    public async Task a_bad_range_or_separator_is_a_400_that_says_what_to_send(string query, string says)
    {
        var answer = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{ApiHost.MsnA}/payments-export?{query}", headers: KeyA);

        Assert.Equal(400, answer.Status);
        AssertProblem(answer, "InvalidValue");
        Assert.Contains(says, answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_export_has_each_payment_and_its_capture_and_refund_lines_formula_safe_with_semicolons_and_decimal_commas_or_commas_and_points()
    {
        // A refund whose reason and requester a spreadsheet would run as formulas.
        var refundId = "r-export-" + Guid.NewGuid().ToString("N")[..8];
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["msn"] = ApiHost.MsnA,
            ["reference"] = host.PaymentA,
            ["refundId"] = refundId,
            ["amount"] = new JsonObject { ["value"] = 1_050, ["currency"] = "NOK" },
            ["reason"] = "=HYPERLINK(\"http://evil.example\";\"click\")",
            ["requestedBy"] = "@finance, Oslo",
        }.ToJsonString());
        Assert.Equal(202, (await host.SendAsync(HttpMethod.Post, "/api/refunds", body, "application/json", KeyA)).Status);
        await host.WaitUntilIdleAsync(ApiHost.MsnA, host.PaymentA);

        var semicolon = await host.SendAsync(HttpMethod.Get, ExportPath(ApiHost.MsnA), headers: KeyA);
        var comma = await host.SendAsync(HttpMethod.Get, ExportPath(ApiHost.MsnA, "&separator=comma"), headers: KeyA);

        Assert.Equal((200, 200), (semicolon.Status, comma.Status));
        Assert.StartsWith("text/csv", semicolon.ContentType, StringComparison.Ordinal);
        Assert.Equal($"attachment; filename=\"payments-{ApiHost.MsnA}-{Today(-1).Replace("-", "", StringComparison.Ordinal)}-{Today(2).Replace("-", "", StringComparison.Ordinal)}.csv\"",
            semicolon.Header("Content-Disposition"));
        var lines = semicolon.Body.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("msn;line;kind;reference;status;currency;amount;captured;refunded;cancelled;createdAtUtc;updatedAtUtc;operationId;operationAtUtc;reason;requestedBy;apiKeyName;source",
            lines[0]);
        // Only this unit's payments: its own, never the other unit's.
        Assert.DoesNotContain(host.PaymentB, semicolon.Body, StringComparison.Ordinal);
        var payment = Assert.Single(lines, l => l.StartsWith($"{ApiHost.MsnA};payment;Payment;{host.PaymentA};", StringComparison.Ordinal)).Split(';');
        Assert.Equal(("NOK", "300,00", "300,00"), (payment[5], payment[6], payment[7]));
        var capture = Assert.Single(lines, l => l.StartsWith($"{ApiHost.MsnA};capture;Payment;{host.PaymentA};", StringComparison.Ordinal)).Split(';');
        Assert.Equal(("Succeeded", "300,00", "capture-1"), (capture[4], capture[6], capture[12]));
        var refund = Assert.Single(lines, l => l.Contains(refundId, StringComparison.Ordinal));
        Assert.Equal($"{ApiHost.MsnA};refund;Payment;{host.PaymentA};Succeeded;NOK;10,50;;;;;;{refundId};", refund[..(refund.IndexOf(refundId, StringComparison.Ordinal) + refundId.Length + 1)]);
        // The formula is text ('=…) and, holding the separator and quotes, quoted with its quotes doubled.
        // Then who, as authenticated (the audit): the key's name and source — not the free-text note above.
        Assert.EndsWith(";\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"click\"\")\";'@finance, Oslo;finance-a;" + ApiHost.SourceA, refund, StringComparison.Ordinal);
        // The payment lines are in the list's order: its capture and refunds right after it.
        Assert.True(Array.FindIndex(lines, l => l.Contains(refundId, StringComparison.Ordinal)) > Array.FindIndex(lines, l => l.StartsWith($"{ApiHost.MsnA};payment;Payment;{host.PaymentA};", StringComparison.Ordinal)));

        var commaRefund = Assert.Single(comma.Body.Split("\r\n"), l => l.Contains(refundId, StringComparison.Ordinal));
        Assert.Contains($",10.50,,,,,,{refundId},", commaRefund, StringComparison.Ordinal);
        Assert.EndsWith(",\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"click\"\")\",\"'@finance, Oslo\",finance-a," + ApiHost.SourceA, commaRefund, StringComparison.Ordinal);
    }

    [Fact]
    public async Task reconcile_now_needs_the_reconciles_right_and_answers_as_the_list_for_a_sales_unit_the_key_may_not_see()
    {
        // A sales unit where finance/b may read but not reconcile.
        const string readOnly = "445588";
        await host.Services.GetRequiredService<SalesUnitStore>().RegisterAsync(new SalesUnitRegistration(
            Msn.Create(readOnly).Value, "Read only", Market.Norway, VippsEnvironment.Production, "partner", [ApiHost.SourceB], SalesUnitStatus.Active,
            new Dictionary<string, SourceRights>(StringComparer.Ordinal) { [ApiHost.SourceB] = SourceRights.Reads }));

        var refused = await host.SendAsync(HttpMethod.Post, $"/api/sales-units/{readOnly}/reconciliation/run?date={Today(-1)}", headers: KeyB);
        var readable = await host.SendAsync(HttpMethod.Get, $"/api/sales-units/{readOnly}/payment-list", headers: KeyB);
        var foreign = await host.SendAsync(HttpMethod.Post, $"/api/sales-units/{ApiHost.MsnB}/reconciliation/run?date={Today(-1)}", headers: KeyA);
        var unknown = await host.SendAsync(HttpMethod.Post, $"/api/sales-units/999999/reconciliation/run?date={Today(-1)}", headers: KeyA);
        var webshop = await host.SendAsync(HttpMethod.Post, $"/api/sales-units/{ApiHost.MsnA}/reconciliation/run?date={Today(-1)}",
            headers: new Dictionary<string, string> { ["x-api-key"] = ApiHost.KeyWebshop });
        var notEnded = await host.SendAsync(HttpMethod.Post, $"/api/sales-units/{ApiHost.MsnA}/reconciliation/run?date={Today(1)}", headers: KeyA);
        var me = await host.SendAsync(HttpMethod.Get, "/api/me", headers: KeyA);
        var meB = await host.SendAsync(HttpMethod.Get, "/api/me", headers: KeyB);

        Assert.Equal(403, refused.Status);
        AssertProblem(refused, "source-not-permitted");
        Assert.Contains("reconciles right", refused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, readable.Status);
        Assert.Equal((404, 404), (foreign.Status, unknown.Status));
        Assert.Equal(unknown.Json.GetProperty("detail").GetString(), foreign.Json.GetProperty("detail").GetString());
        Assert.Equal(403, webshop.Status);
        Assert.Equal(400, notEnded.Status);
        var own = Assert.Single(me.Json.GetProperty("salesUnits").EnumerateArray());
        Assert.True(own.GetProperty("reconciliation").GetProperty("mayRun").GetBoolean());
        Assert.Equal("refunds,reads,reconciles", own.GetProperty("rights").GetString());
        var limited = Assert.Single(meB.Json.GetProperty("salesUnits").EnumerateArray(), u => u.GetProperty("msn").GetString() == readOnly);
        Assert.False(limited.GetProperty("reconciliation").GetProperty("mayRun").GetBoolean());
        Assert.Equal("reads", limited.GetProperty("rights").GetString());
    }
}
