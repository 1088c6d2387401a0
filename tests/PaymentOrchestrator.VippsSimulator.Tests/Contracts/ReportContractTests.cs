using System.Net;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator.Tests.Report;

namespace PaymentOrchestrator.VippsSimulator.Tests.Contracts;

/// <summary>Every Report API answer the simulator gives is what report-v2.yaml declares for its status.</summary>
public sealed class ReportContractTests : ReportScenario
{
    private const string Ledgers = "/settlement/v1/ledgers";
    private const string Dates = "/report/v2/ledgers/{ledgerId}/{topic}/dates/{ledgerDate}";
    private const string Feed = "/report/v2/ledgers/{ledgerId}/{topic}/feed";

    private static OpenApiContract Spec => OpenApiContract.Report;

    [Fact]
    public void the_contract_rejects_a_transaction_page_that_breaks_the_schema() =>
        Assert.NotEmpty(Spec.ValidateResponse("GET", Dates, 200, """{"items":[{"entryType":"not-a-type","amount":"12"}],"tryLater":"no"}"""));

    [Fact]
    public async Task ledger_lists_and_reports_of_both_topics_match_the_spec()
    {
        await Host.Admin.UpdateSettingsAsync(new SimulatorSettingsUpdate { ReportPageSize = 2 });
        var (reference, _) = await CaptureAsync(10_000);
        await RefundAsync(reference, 1_000);
        await Host.Admin.AddPortalCaptureAsync(SimulatorDefaults.NorwayMsn, "portal-1", 5_000);
        await MoveToAsync(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));

        using var ledgers = await Accounting.GetAsync("settlement/v1/ledgers");
        Assert.Equal(HttpStatusCode.OK, ledgers.StatusCode);
        Spec.AssertValidResponse("GET", Ledgers, 200, await ledgers.Content.ReadAsStringAsync());
        foreach (var topic in new[] { "funds", "fees" })
        {
            var (status, page) = await DateAsync(Accounting, NorwayLedger, topic, Day1);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.NotEmpty(page!["items"]!.AsArray());
            Spec.AssertValidResponse("GET", Dates, 200, page.ToJsonString());
            using var feed = await Accounting.GetAsync($"report/v2/ledgers/{NorwayLedger}/{topic}/feed");
            Spec.AssertValidResponse("GET", Feed, 200, await feed.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task not_closed_late_forbidden_and_unauthorized_answers_match_the_spec()
    {
        await Host.Admin.DelayLedgerDateAsync(NorwayLedger, Day1, TimeSpan.FromHours(2));
        var (notYet, _) = await DateAsync(Accounting, NorwayLedger, "funds", Day1);
        await MoveToAsync(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero));
        var (late, lateBody) = await DateAsync(Accounting, NorwayLedger, "funds", Day1);
        var (forbidden, forbiddenBody) = await DateAsync(Accounting, SimulatorDefaults.DefaultLedgerId(SimulatorDefaults.UnlinkedMsn), "funds", Day1);
        Accounting.UseToken("not-a-token");
        using var unauthorized = await Accounting.GetAsync("settlement/v1/ledgers");

        Assert.Equal(HttpStatusCode.NotFound, notYet);
        Assert.Equal(HttpStatusCode.OK, late);
        Spec.AssertValidResponse("GET", Dates, 200, lateBody!.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Spec.AssertValidResponse("GET", Dates, 403, forbiddenBody!.ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Spec.AssertValidResponse("GET", Dates, 401, await unauthorized.Content.ReadAsStringAsync());
    }
}
