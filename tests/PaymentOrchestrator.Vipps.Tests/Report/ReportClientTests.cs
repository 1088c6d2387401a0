using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Report;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Report;

/// <summary>The Report API client against the simulator over real HTTP, on a simulator clock that starts 2026-12-01 10:00 UTC.</summary>
public sealed class ReportClientTests : IAsyncLifetime
{
    private static readonly DateOnly Day1 = new(2026, 12, 1);
    private static readonly DateTimeOffset AfterClose = new(2026, 12, 1, 23, 0, 0, TimeSpan.Zero);
    private static readonly string NorwayLedger = SimulatorDefaults.DefaultLedgerId(SimulatorDefaults.NorwayMsn);
    private VippsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await VippsTestHost.StartAsync(simulatorOptions: Options());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task the_ledger_of_a_sales_unit_is_found_with_the_accounting_keys_and_no_msn_header()
    {
        var found = Assert.IsType<LedgerFound>(await _host.Report.FindLedgerAsync(VippsTestHost.Norway));

        Assert.Equal(NorwayLedger, found.Ledger.LedgerId);
        Assert.Equal([VippsTestHost.Norway], found.Ledger.SettledMsns);
        var request = Assert.Single(_host.Recorder.Requests, r => r.Path == "/settlement/v1/ledgers");
        Assert.Equal("?settlesForRecipientHandles=api%3A123456", request.Query);
        Assert.Null(request.Header("Merchant-Serial-Number"));
        Assert.Equal(SimulatorDefaults.AccountingSubscriptionKey, request.Header("Ocp-Apim-Subscription-Key"));
        var token = Assert.Single(_host.Recorder.Requests, r => r.Path == "/accesstoken/get");
        Assert.Equal(SimulatorDefaults.AccountingClientId, token.Header("client_id"));
    }

    [Fact]
    public async Task a_closed_date_is_read_across_every_page_with_psp_references_amounts_and_sales_unit()
    {
        await _host.Admin.UpdateSettingsAsync(new SimulatorSettingsUpdate { ReportPageSize = 2 });
        var captured = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            captured.Add(await CaptureAsync(10_000 + i));
        }

        await MoveToAsync(AfterClose);

        var closed = Assert.IsType<LedgerDateClosed>(await _host.Report.GetLedgerDateAsync(VippsTestHost.Norway, NorwayLedger, ReportTopic.Funds, Day1));

        Assert.Equal(captured, closed.Entries.Where(e => e.EntryType == LedgerEntryType.Capture).Select(e => e.PspReference));
        Assert.Equal([10_000L, 10_001, 10_002], closed.Entries.Where(e => e.EntryType == LedgerEntryType.Capture).Select(e => e.Amount));
        Assert.All(closed.Entries.Where(e => e.EntryType == LedgerEntryType.Capture), e => Assert.Equal(VippsTestHost.Norway, e.Msn));
        Assert.Equal([LedgerEntryType.FeesRetained, LedgerEntryType.ScheduledForPayout], closed.Entries.Skip(3).Select(e => e.EntryType));
        Assert.Equal(Day1, closed.Entries[0].LedgerDate);
        Assert.Empty(closed.UnknownEntryTypes);
        Assert.Equal(3, _host.Recorder.Requests.Count(r => r.Path.EndsWith($"/funds/dates/2026-12-01", StringComparison.Ordinal)));
        Assert.Equal(2, _host.Recorder.Requests.Count(r => r.Query.StartsWith("?cursor=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task a_date_that_has_not_ended_is_not_closed_yet_without_an_exception_or_a_retry()
    {
        await CaptureAsync(10_000);

        var result = await _host.Report.GetLedgerDateAsync(VippsTestHost.Norway, NorwayLedger, ReportTopic.Funds, Day1);

        var notClosed = Assert.IsType<LedgerDateNotClosed>(result);
        Assert.Equal(VippsReportClient.NotClosedRetryDelay, notClosed.TryAgainAfter);
        Assert.StartsWith("404", notClosed.Reason, StringComparison.Ordinal);
        Assert.Single(_host.Recorder.Requests, r => r.Path.Contains("/dates/", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task a_late_closing_date_is_not_closed_yet_until_vipps_closes_it()
    {
        await CaptureAsync(10_000);
        await _host.Admin.DelayLedgerDateAsync(NorwayLedger, Day1, TimeSpan.FromHours(2));
        await MoveToAsync(AfterClose.AddHours(1));

        var late = await _host.Report.GetLedgerDateAsync(VippsTestHost.Norway, NorwayLedger, ReportTopic.Fees, Day1);
        await MoveToAsync(AfterClose.AddHours(2));
        var closed = await _host.Report.GetLedgerDateAsync(VippsTestHost.Norway, NorwayLedger, ReportTopic.Fees, Day1);

        Assert.StartsWith("tryLater", Assert.IsType<LedgerDateNotClosed>(late).Reason, StringComparison.Ordinal);
        Assert.Equal([LedgerEntryType.CaptureFee, LedgerEntryType.FeesRetained], Assert.IsType<LedgerDateClosed>(closed).Entries.Select(e => e.EntryType));
    }

    [Fact]
    public async Task a_sales_unit_whose_merchant_has_not_granted_access_is_no_consent_and_not_retried()
    {
        var lookup = await _host.Report.FindLedgerAsync(VippsTestHost.Unlinked);
        var report = await _host.Report.GetLedgerDateAsync(VippsTestHost.Unlinked, SimulatorDefaults.DefaultLedgerId(SimulatorDefaults.UnlinkedMsn), ReportTopic.Funds, Day1);
        await _host.Admin.RevokeReportConsentAsync(SimulatorDefaults.AccountingClientId, SimulatorDefaults.NorwayMsn);
        var feed = await _host.Report.GetFeedPageAsync(VippsTestHost.Norway, NorwayLedger, ReportTopic.Funds);

        var noLedger = Assert.IsType<ReportNoConsent>(lookup);
        Assert.Equal("accounting", noLedger.KeySetName);
        Assert.Null(noLedger.LedgerId);
        Assert.Contains("has not granted", noLedger.Reason, StringComparison.Ordinal);
        Assert.Equal(SimulatorDefaults.DefaultLedgerId(SimulatorDefaults.UnlinkedMsn), Assert.IsType<ReportNoConsent>(report).LedgerId);
        Assert.IsType<ReportNoConsent>(feed);
        Assert.Single(_host.Recorder.Requests, r => r.Path.Contains("/dates/", StringComparison.Ordinal));
        Assert.Single(_host.Recorder.Requests, r => r.Path.EndsWith("/feed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_ledger_that_settles_two_sales_units_is_found_for_either_and_names_each_entrys_unit()
    {
        await _host.Admin.AddSalesUnitAsync(new SalesUnitDefinition { Msn = "123457", Country = "NO", LinkedPartnerClientIds = [SimulatorDefaults.PartnerClientId] });
        await _host.Admin.GrantReportConsentAsync(SimulatorDefaults.AccountingClientId, "123457");
        await _host.Admin.ConfigureLedgerAsync("302321", new LedgerDefinition { Msns = [SimulatorDefaults.NorwayMsn, "123457"] });
        var second = MerchantSerialNumber.Create("123457");
        await CaptureAsync(10_000);
        await CaptureAsync(20_000, second);
        await MoveToAsync(AfterClose);

        var first = Assert.IsType<LedgerFound>(await _host.Report.FindLedgerAsync(VippsTestHost.Norway));
        var other = Assert.IsType<LedgerFound>(await _host.Report.FindLedgerAsync(second));
        var closed = Assert.IsType<LedgerDateClosed>(await _host.Report.GetLedgerDateAsync(second, "302321", ReportTopic.Funds, Day1));

        Assert.Equal("302321", first.Ledger.LedgerId);
        Assert.Equal(first.Ledger, other.Ledger with { SettlesForRecipientHandles = first.Ledger.SettlesForRecipientHandles });
        Assert.Equal([VippsTestHost.Norway, second], first.Ledger.SettledMsns);
        Assert.Equal([VippsTestHost.Norway, second], closed.Entries.Where(e => e.EntryType == LedgerEntryType.Capture).Select(e => e.Msn!.Value));
    }

    [Fact]
    public async Task an_entry_type_the_client_does_not_know_is_kept_raw_flagged_and_logged()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options(), configureServices: s =>
            s.AddHttpClient(VippsServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new RenameEntryType("capture-fee", "instant-payout-fee")));
        await CaptureAsync(10_000, host: host);
        await MoveToAsync(AfterClose, host);

        var closed = Assert.IsType<LedgerDateClosed>(await host.Report.GetLedgerDateAsync(VippsTestHost.Norway, NorwayLedger, ReportTopic.Fees, Day1));

        var odd = Assert.Single(closed.Entries, e => !e.IsKnownEntryType);
        Assert.Equal("instant-payout-fee", odd.EntryTypeName);
        Assert.Equal(LedgerEntryType.Unknown, odd.EntryType);
        Assert.Equal(-175, odd.Amount);
        Assert.Equal(["instant-payout-fee"], closed.UnknownEntryTypes);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("instant-payout-fee", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_feed_is_read_page_by_page_to_its_end_and_continues_from_the_kept_cursor()
    {
        await _host.Admin.UpdateSettingsAsync(new SimulatorSettingsUpdate { ReportPageSize = 2 });
        var captured = new List<string> { await CaptureAsync(1_000), await CaptureAsync(2_000), await CaptureAsync(3_000) };

        var read = new List<string>();
        string? cursor = null;
        FeedPage page;
        do
        {
            page = Assert.IsType<FeedPage>(await _host.Report.GetFeedPageAsync(VippsTestHost.Norway, NorwayLedger, ReportTopic.Funds, cursor));
            read.AddRange(page.Entries.Select(e => e.PspReference));
            cursor = page.Cursor;
        }
        while (!page.AtEnd);

        var later = await CaptureAsync(4_000);
        var next = Assert.IsType<FeedPage>(await _host.Report.GetFeedPageAsync(VippsTestHost.Norway, NorwayLedger, ReportTopic.Funds, cursor));

        Assert.Equal(captured, read);
        Assert.Equal([later], next.Entries.Select(e => e.PspReference));
    }

    [Fact]
    public async Task accounting_keys_stay_refused_for_payments_while_they_read_reports()
    {
        await using var host = await VippsTestHost.StartAsync(simulatorOptions: Options(), configure: s => s["Vipps:MerchantKeySets:123456"] = "accounting");

        await Assert.ThrowsAsync<VippsCredentialException>(() => host.Epayment.GetPaymentAsync(VippsTestHost.Norway, Payments.NewReference()));
        Assert.IsType<LedgerFound>(await host.Report.FindLedgerAsync(VippsTestHost.Norway));
        Assert.DoesNotContain(host.Recorder.Requests, r => r.Path.StartsWith("/epayment", StringComparison.Ordinal));
    }

    private static SimulatorOptions Options() => new()
    {
        RateLimitsEnabled = false,
        TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)),
        TokenLifetime = TimeSpan.FromDays(30),
        PaymentExpiry = TimeSpan.FromDays(1),
    };

    private async Task<string> CaptureAsync(long amount, MerchantSerialNumber? msn = null, VippsTestHost? host = null)
    {
        host ??= _host;
        var unit = msn ?? VippsTestHost.Norway;
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(unit, Payments.WebRedirect(reference, amount), Payments.NewKey("create"));
        await host.Admin.ApprovePaymentAsync(unit.Value, reference);
        var captured = await host.Epayment.CapturePaymentAsync(unit, reference, new Amount(Currency.Nok, amount), Payments.NewKey("capture"));
        return captured.PspReference!;
    }

    private async Task MoveToAsync(DateTimeOffset at, VippsTestHost? host = null)
    {
        var admin = (host ?? _host).Admin;
        var now = await admin.GetTimeAsync();
        await admin.AdvanceClockAsync(at - now);
    }

    /// <summary>Renames an entry type in every report answer, as if Vipps had added a new one.</summary>
    private sealed class RenameEntryType(string from, string to) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.StartsWith("/report/", StringComparison.Ordinal) && response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                response.Content = new StringContent(body.Replace($"\"{from}\"", $"\"{to}\"", StringComparison.Ordinal), Encoding.UTF8, "application/json");
            }

            return response;
        }
    }
}
