
namespace PaymentOrchestrator.VippsSimulator.Tests.Report;

/// <summary>The admin injections reconciliation must catch, each seen in the closed date's report.</summary>
public sealed class ReportInjectionTests : ReportScenario
{
    private static readonly DateTimeOffset AfterClose = new(2026, 12, 1, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task a_capture_made_in_the_portal_is_settled_with_its_own_psp_reference_and_fee()
    {
        var psp = await Host.Admin.AddPortalCaptureAsync(SimulatorDefaults.NorwayMsn, "portal-sale-1", 12_345);
        await MoveToAsync(AfterClose);

        var funds = await AllEntriesAsync(Accounting, NorwayLedger, "funds", Day1);
        var fees = await AllEntriesAsync(Accounting, NorwayLedger, "fees", Day1);

        var capture = Assert.Single(OfType(funds, "capture"));
        Assert.Equal(psp, capture["pspReference"]!.GetValue<string>());
        Assert.Equal("portal-sale-1", capture["reference"]!.GetValue<string>());
        Assert.Equal(12_345, capture["amount"]!.GetValue<long>());
        Assert.Equal(-216, Assert.Single(OfType(fees, "capture-fee"))["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_dropped_entry_is_missing_from_the_report_with_its_fee()
    {
        var (_, kept) = await CaptureAsync(1_000);
        var (_, dropped) = await CaptureAsync(2_000);
        await Host.Admin.DropSettlementEntryAsync(dropped);
        await MoveToAsync(AfterClose);

        var funds = await AllEntriesAsync(Accounting, NorwayLedger, "funds", Day1);
        var fees = await AllEntriesAsync(Accounting, NorwayLedger, "fees", Day1);

        Assert.Equal([kept], OfType(funds, "capture").Select(e => e["pspReference"]!.GetValue<string>()));
        Assert.Single(OfType(fees, "capture-fee"));
    }

    [Fact]
    public async Task an_adjusted_entry_is_reported_one_ore_off()
    {
        var (reference, capturePsp) = await CaptureAsync(10_000);
        var refundPsp = await RefundAsync(reference, 4_000);
        await Host.Admin.AdjustSettlementEntryAsync(capturePsp);
        await Host.Admin.AdjustSettlementEntryAsync(refundPsp, -1);
        await MoveToAsync(AfterClose);

        var funds = await AllEntriesAsync(Accounting, NorwayLedger, "funds", Day1);

        Assert.Equal(10_001, Assert.Single(OfType(funds, "capture"))["amount"]!.GetValue<long>());
        Assert.Equal(-3_999, Assert.Single(OfType(funds, "refund"))["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task injecting_into_an_unknown_psp_reference_or_ledger_is_refused()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => Host.Admin.DropSettlementEntryAsync("404404"));
        await Assert.ThrowsAsync<HttpRequestException>(() => Host.Admin.AdjustSettlementEntryAsync("404404"));
        await Assert.ThrowsAsync<HttpRequestException>(() => Host.Admin.DelayLedgerDateAsync("nope", Day1, TimeSpan.FromHours(1)));
        await Assert.ThrowsAsync<HttpRequestException>(() => Host.Admin.AddPortalCaptureAsync("000000", "x", 100));
        await Assert.ThrowsAsync<HttpRequestException>(() => Host.Admin.ConfigureLedgerAsync("mixed", new LedgerDefinition { Msns = [SimulatorDefaults.NorwayMsn, SimulatorDefaults.DenmarkMsn] }));
    }
}
