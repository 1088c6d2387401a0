using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps.Report;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Contracts;

/// <summary>Every Report API request the client sends (path, query, headers) is one report-v2.yaml declares.</summary>
public class ReportRequestContractTests
{
    [Fact]
    public void the_contract_rejects_a_request_the_spec_does_not_declare()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        Assert.NotEmpty(OpenApiContract.Report.ValidateRequest("GET", "/report/v2/ledgers/1/payouts/dates/2026-12-01", "", headers));
        Assert.NotEmpty(OpenApiContract.Report.ValidateRequest("GET", "/report/v2/ledgers/1/funds/dates/1.12.2026", "", headers));
        Assert.NotEmpty(OpenApiContract.Report.ValidateRequest("GET", "/settlement/v1/ledgers", "?msn=123456", headers));
    }

    [Fact]
    public async Task every_report_request_of_a_session_matches_the_official_spec()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: new SimulatorOptions { RateLimitsEnabled = false, ReportPageSize = 1 });
        var msn = VippsTestHost.Norway;
        var ledger = Assert.IsType<LedgerFound>(await host.Report.FindLedgerAsync(msn)).Ledger;
        await foreach (var _ in host.Report.ListLedgersAsync(msn, onlySettlingMsn: false))
        {
        }

        var yesterday = DateOnly.FromDateTime((await host.Admin.GetTimeAsync()).UtcDateTime).AddDays(-2);
        foreach (var topic in new[] { ReportTopic.Funds, ReportTopic.Fees })
        {
            await host.Report.GetLedgerDateAsync(msn, ledger.LedgerId, topic, yesterday);
            await host.Report.GetFeedPageAsync(msn, ledger.LedgerId, topic);
        }

        var requests = host.Recorder.Requests.Where(r => r.Path != "/accesstoken/get").ToList();
        Assert.True(requests.Count >= 7);
        Assert.Contains(requests, r => r.Query.StartsWith("?cursor=", StringComparison.Ordinal));
        foreach (var request in requests)
        {
            Assert.Empty(OpenApiContract.Report.ValidateRequest(request.Method, request.Path, request.Query, request.Headers));
        }
    }
}
