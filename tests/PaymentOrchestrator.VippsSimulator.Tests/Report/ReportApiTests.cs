using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Report;

public sealed class ReportApiTests : ReportScenario
{
    [Fact]
    public async Task a_closed_date_reports_each_capture_and_refund_by_psp_reference_then_fees_retained_and_the_payout()
    {
        var (reference, capturePsp) = await CaptureAsync(10_000);
        var refundPsp = await RefundAsync(reference, 2_500);
        await MoveToAsync(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));

        var funds = await AllEntriesAsync(Accounting, NorwayLedger, "funds", Day1);
        var fees = await AllEntriesAsync(Accounting, NorwayLedger, "fees", Day1);

        Assert.Equal(["capture", "refund", "fees-retained", "scheduled-for-payout"], funds.Select(e => e["entryType"]!.GetValue<string>()));
        Assert.Equal([capturePsp, refundPsp], funds.Take(2).Select(e => e["pspReference"]!.GetValue<string>()));
        Assert.All(funds.Take(2), e => Assert.Equal(reference, e["reference"]!.GetValue<string>()));
        Assert.Equal([10_000L, -2_500, -175, -7_325], funds.Select(e => e["amount"]!.GetValue<long>()));
        Assert.Equal(0, funds[^1]["balanceAfter"]!.GetValue<long>());
        Assert.Equal("NO:123456", funds[0]["recipientHandle"]!.GetValue<string>());
        Assert.Equal(["capture-fee", "fees-retained"], fees.Select(e => e["entryType"]!.GetValue<string>()));
        Assert.Equal([-175L, 175], fees.Select(e => e["amount"]!.GetValue<long>()));
    }

    [Fact]
    public async Task a_date_that_has_not_ended_answers_404_and_one_minute_after_the_cut_off_it_is_closed()
    {
        await CaptureAsync(10_000);

        var (before, _) = await DateAsync(Accounting, NorwayLedger, "funds", Day1);
        await MoveToAsync(new DateTimeOffset(2026, 12, 1, 22, 59, 0, TimeSpan.Zero));
        var (justBefore, _) = await DateAsync(Accounting, NorwayLedger, "funds", Day1);
        await MoveToAsync(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));
        var (after, body) = await DateAsync(Accounting, NorwayLedger, "funds", Day1);

        Assert.Equal(HttpStatusCode.NotFound, before);
        Assert.Equal(HttpStatusCode.NotFound, justBefore);
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.False(body!["tryLater"]!.GetValue<bool>());
    }

    [Fact]
    public async Task a_late_closing_date_answers_try_later_until_it_closes()
    {
        await CaptureAsync(10_000);
        await Host.Admin.DelayLedgerDateAsync(NorwayLedger, Day1, TimeSpan.FromHours(3));
        await MoveToAsync(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));

        var (late, lateBody) = await DateAsync(Accounting, NorwayLedger, "funds", Day1);
        await MoveToAsync(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));
        var closed = await AllEntriesAsync(Accounting, NorwayLedger, "funds", Day1);

        Assert.Equal(HttpStatusCode.OK, late);
        Assert.True(lateBody!["tryLater"]!.GetValue<bool>());
        Assert.Empty(lateBody["items"]!.AsArray());
        Assert.Single(OfType(closed, "scheduled-for-payout"));
    }

    [Fact]
    public async Task a_ledger_date_follows_a_configured_cut_off_in_the_merchants_zone()
    {
        await Host.Admin.ConfigureLedgerAsync(NorwayLedger, new LedgerDefinition { CutOff = TimeSpan.FromHours(4) });
        await MoveToAsync(new DateTimeOffset(2026, 12, 2, 1, 30, 0, TimeSpan.Zero));
        var (reference, psp) = await CaptureAsync(5_000);
        await MoveToAsync(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));

        var entries = await AllEntriesAsync(Accounting, NorwayLedger, "funds", Day1);

        Assert.Equal(psp, Assert.Single(OfType(entries, "capture"))["pspReference"]!.GetValue<string>());
        Assert.Equal("2026-12-01", entries[0]["ledgerDate"]!.GetValue<string>());
        Assert.NotNull(reference);
    }

    [Fact]
    public async Task gross_settlement_invoices_fees_and_pays_out_captured_less_refunded()
    {
        await Host.Admin.ConfigureLedgerAsync(NorwayLedger, new LedgerDefinition { Settlement = SettlementMode.Gross });
        var (reference, _) = await CaptureAsync(10_000);
        await RefundAsync(reference, 1_000);
        await MoveToAsync(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));

        var funds = await AllEntriesAsync(Accounting, NorwayLedger, "funds", Day1);
        var fees = await AllEntriesAsync(Accounting, NorwayLedger, "fees", Day1);

        Assert.Empty(OfType(funds, "fees-retained"));
        Assert.Equal(-9_000, Assert.Single(OfType(funds, "scheduled-for-payout"))["amount"]!.GetValue<long>());
        Assert.Equal(175, Assert.Single(OfType(fees, "fees-invoiced"))["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_date_with_more_entries_than_a_page_is_read_across_cursors()
    {
        await Host.Admin.UpdateSettingsAsync(new SimulatorSettingsUpdate { ReportPageSize = 2 });
        var psps = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            psps.Add((await CaptureAsync(1_000 + i)).PspReference);
        }

        await MoveToAsync(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));

        var (_, first) = await DateAsync(Accounting, NorwayLedger, "funds", Day1);
        var all = await AllEntriesAsync(Accounting, NorwayLedger, "funds", Day1);

        Assert.Equal(2, first!["items"]!.AsArray().Count);
        Assert.True(first["hasMore"]!.GetValue<bool>());
        Assert.Equal(psps, OfType(all, "capture").Select(e => e["pspReference"]!.GetValue<string>()));
        Assert.Equal(7, all.Count);
    }

    [Fact]
    public async Task one_ledger_can_settle_two_sales_units_and_the_ledger_filter_finds_it_by_either_msn()
    {
        await Host.Admin.AddSalesUnitAsync(new SalesUnitDefinition { Msn = "123457", Country = "NO", LinkedPartnerClientIds = [SimulatorDefaults.PartnerClientId] });
        await Host.Admin.GrantReportConsentAsync(SimulatorDefaults.AccountingClientId, "123457");
        await Host.Admin.ConfigureLedgerAsync("302321", new LedgerDefinition { Msns = [SimulatorDefaults.NorwayMsn, "123457"] });
        var (_, norwayPsp) = await CaptureAsync(10_000);
        using var second = VippsCaller.Partner(Host, "123457");
        var (_, secondPsp) = await CaptureAsync(20_000, caller: second);
        await MoveToAsync(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));

        using var byFirst = await Accounting.GetAsync("settlement/v1/ledgers?settlesForRecipientHandles=api:123456");
        using var bySecond = await Accounting.GetAsync("settlement/v1/ledgers?settlesForRecipientHandles=api:123457");
        var entries = await AllEntriesAsync(Accounting, "302321", "funds", Day1);

        foreach (var response in new[] { byFirst, bySecond })
        {
            var ledger = Assert.Single((await response.ReadAsync())["items"]!.AsArray());
            Assert.Equal("302321", ledger!["ledgerId"]!.GetValue<string>());
            Assert.Equal(["api:123456", "api:123457"], ledger["settlesForRecipientHandles"]!.AsArray().Select(h => h!.GetValue<string>()));
        }

        Assert.Equal([norwayPsp, secondPsp], OfType(entries, "capture").Select(e => e["pspReference"]!.GetValue<string>()));
        Assert.Equal(["NO:123456", "NO:123457"], OfType(entries, "capture").Select(e => e["recipientHandle"]!.GetValue<string>()));
        Assert.Equal(-29_475, Assert.Single(OfType(entries, "scheduled-for-payout"))["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task the_ledger_list_pages_with_a_cursor()
    {
        await Host.Admin.UpdateSettingsAsync(new SimulatorSettingsUpdate { ReportPageSize = 2 });

        using var first = await Accounting.GetAsync("settlement/v1/ledgers");
        var firstBody = await first.ReadAsync();
        using var second = await Accounting.GetAsync("settlement/v1/ledgers?cursor=" + Uri.EscapeDataString(firstBody["cursor"]!.GetValue<string>()));
        var secondBody = await second.ReadAsync();

        var ids = firstBody["items"]!.AsArray().Concat(secondBody["items"]!.AsArray()).Select(l => l!["ledgerId"]!.GetValue<string>());
        Assert.Equal(SimulatorDefaults.LinkedMsns.Select(SimulatorDefaults.DefaultLedgerId), ids);
        Assert.Null(secondBody["cursor"]);
    }

    [Fact]
    public async Task without_the_merchants_consent_the_ledger_is_not_listed_and_its_report_is_forbidden_until_granted()
    {
        var unlinkedLedger = SimulatorDefaults.DefaultLedgerId(SimulatorDefaults.UnlinkedMsn);

        using var list = await Accounting.GetAsync("settlement/v1/ledgers?settlesForRecipientHandles=api:999999");
        var (forbidden, _) = await DateAsync(Accounting, unlinkedLedger, "funds", Day1);
        await Host.Admin.GrantReportConsentAsync(SimulatorDefaults.AccountingClientId, SimulatorDefaults.UnlinkedMsn);
        using var granted = await Accounting.GetAsync("settlement/v1/ledgers?settlesForRecipientHandles=api:999999");
        await Host.Admin.RevokeReportConsentAsync(SimulatorDefaults.AccountingClientId, SimulatorDefaults.NorwayMsn);
        var (revoked, _) = await DateAsync(Accounting, NorwayLedger, "funds", Day1);

        Assert.Empty((await list.ReadAsync())["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Single((await granted.ReadAsync())["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, revoked);
    }

    [Fact]
    public async Task partner_keys_see_no_ledger_and_a_merchants_own_keys_see_only_their_own()
    {
        using var partner = VippsCaller.Partner(Host, msn: null);
        using var merchant = VippsCaller.Merchant(Host, SimulatorDefaults.DenmarkMsn);
        merchant.Msn = null;

        using var partnerList = await partner.GetAsync("settlement/v1/ledgers");
        var (partnerReport, _) = await DateAsync(partner, NorwayLedger, "funds", Day1);
        using var merchantList = await merchant.GetAsync("settlement/v1/ledgers");

        Assert.Empty((await partnerList.ReadAsync())["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, partnerReport);
        var own = Assert.Single((await merchantList.ReadAsync())["items"]!.AsArray());
        Assert.Equal("DKK", own!["currency"]!.GetValue<string>());
    }

    [Fact]
    public async Task the_report_api_does_not_exist_in_test_mode()
    {
        await Host.Admin.UpdateSettingsAsync(new SimulatorSettingsUpdate { Mode = SimulatorMode.Test });

        using var response = await Accounting.GetAsync("settlement/v1/ledgers");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task recurring_captures_and_refunds_are_settled_under_the_charge_id()
    {
        var agreementId = await Agreements.ActiveAsync(Host, Partner);
        var chargeId = "charge-" + Guid.NewGuid().ToString("N")[..12];
        using (var created = await Partner.PostAsync($"recurring/v3/agreements/{agreementId}/charges", new JsonObject
        {
            ["amount"] = 29_900, ["transactionType"] = "RESERVE_CAPTURE", ["description"] = "December", ["due"] = "2026-12-02", ["retryDays"] = 0, ["orderId"] = chargeId,
        }, Payments.NewKey()))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await MoveToAsync(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        using (var capture = await Partner.PostAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}/capture", new JsonObject { ["amount"] = 29_900, ["description"] = "Delivered" }, Payments.NewKey()))
        {
            Assert.Equal(HttpStatusCode.NoContent, capture.StatusCode);
        }

        using (var refund = await Partner.PostAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}/refund", new JsonObject { ["amount"] = 900, ["description"] = "Late" }, Payments.NewKey()))
        {
            Assert.Equal(HttpStatusCode.NoContent, refund.StatusCode);
        }

        await MoveToAsync(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero));
        var entries = await AllEntriesAsync(Accounting, NorwayLedger, "funds", Day1.AddDays(1));

        Assert.Equal([("capture", 29_900L), ("refund", -900L)], entries.Where(e => e["reference"]?.GetValue<string>() == chargeId).Select(e => (e["entryType"]!.GetValue<string>(), e["amount"]!.GetValue<long>())));
    }

    [Fact]
    public async Task the_feed_streams_entries_as_they_happen_and_keeps_its_cursor_at_the_end()
    {
        await Host.Admin.UpdateSettingsAsync(new SimulatorSettingsUpdate { ReportPageSize = 2 });
        var (_, first) = await CaptureAsync(1_000);
        var (_, second) = await CaptureAsync(2_000);

        var read = new List<string>();
        string? cursor = null;
        JsonNode page;
        do
        {
            using var response = await Accounting.GetAsync($"report/v2/ledgers/{NorwayLedger}/funds/feed" + (cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor)));
            page = await response.ReadAsync();
            read.AddRange(page["items"]!.AsArray().Select(i => i!["pspReference"]!.GetValue<string>()));
            cursor = page["cursor"]!.GetValue<string>();
        }
        while (!page["tryLater"]!.GetValue<bool>());

        using var atEnd = await Accounting.GetAsync($"report/v2/ledgers/{NorwayLedger}/funds/feed?cursor=" + Uri.EscapeDataString(cursor));
        var endBody = await atEnd.ReadAsync();
        var (_, third) = await CaptureAsync(3_000);
        using var fresh = await Accounting.GetAsync($"report/v2/ledgers/{NorwayLedger}/funds/feed?cursor=" + Uri.EscapeDataString(cursor));

        Assert.Equal([first, second], read);
        Assert.Empty(endBody["items"]!.AsArray());
        Assert.Equal(cursor, endBody["cursor"]!.GetValue<string>());
        Assert.True(endBody["tryLater"]!.GetValue<bool>());
        Assert.Equal([third], (await fresh.ReadAsync())["items"]!.AsArray().Select(i => i!["pspReference"]!.GetValue<string>()));
    }
}
