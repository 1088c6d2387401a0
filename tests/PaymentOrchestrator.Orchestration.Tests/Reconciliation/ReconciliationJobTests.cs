using PaymentOrchestrator.Testing.Sagas;
using System.Text.Json;
using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Reconciliation;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Report;
using PaymentOrchestrator.VippsSimulator;
using PaymentOrchestrator.VippsSimulator.Report;

namespace PaymentOrchestrator.Orchestration.Tests.Reconciliation;

/// <summary>
/// The reconciliation job on real Azurite against the simulator's Report API over HTTP, one clock for both sides:
/// each discrepancy class injected through the simulator's admin endpoints and seen reported.
/// </summary>
public sealed class ReconciliationJobTests
{
    private const string Msn = SagaHarness.Msn;
    private const string LedgerId = "1123456";

    /// <summary>10:00 in Oslo on 1 December; the ledger date ends at 23:00 UTC.</summary>
    private static readonly DateTimeOffset Morning = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day1 = new(2026, 12, 1);
    private static readonly Msn Unit = Domain.Values.Msn.Create(Msn).Value;

    [Fact]
    public async Task a_closed_day_whose_captures_and_refunds_all_settled_is_reconciled_clean_with_totals_rows_and_a_completed_outcome()
    {
        await using var h = await StartAsync();
        await CapturedAsync(h, "rec-aaaa", 10_000, refund: 2_500);
        await CapturedAsync(h, "rec-bbbb", 5_000);
        CloseDay(h);

        var day = await Job(h).ReconcileAsync(Unit, Day1);

        Assert.Equal(ReconciliationStatus.Reconciled, day.Status);
        Assert.True(day.IsClean);
        Assert.Equal((3, 15_000L, 2_500L), (day.Matched, day.Captured, day.Refunded));
        Assert.Equal(175 + 88, day.Fees); // 1.75 % of each capture, rounded
        Assert.Equal(15_000 - 2_500 - 263, day.Payout); // net settlement: fees retained from the payout
        Assert.Equal(LedgerId, day.LedgerId);
        var stored = await h.Get<ReconciliationStore>().GetAsync(Unit, Day1);
        Assert.Equal(day with { Discrepancies = [] }, stored! with { Discrepancies = [] });
        var completed = Assert.Single(await OutcomesAsync(h, "reconciliation.completed.v1"));
        Assert.Equal(3, completed.GetProperty("data").GetProperty("reconciliation").GetProperty("matched").GetInt32());
        Assert.Equal($"{Msn}/reconciliation:2026-12-01", completed.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task a_capture_dropped_from_the_settlement_is_reported_missing_at_vipps()
    {
        await using var h = await StartAsync();
        await CapturedAsync(h, "rec-kept", 10_000);
        await CapturedAsync(h, "rec-dropped", 7_000);
        await h.Simulator.Admin.DropSettlementEntryAsync(await PspReferenceAsync(h, "rec-dropped", "capture"));
        CloseDay(h);

        var day = await Job(h).ReconcileAsync(Unit, Day1);

        Assert.False(day.IsClean);
        Assert.Equal((1, 1, 0, 0), (day.Matched, day.MissingAtVipps, day.UnknownToUs, day.AmountMismatches));
        var finding = Assert.Single(day.Discrepancies);
        Assert.Equal((DiscrepancyKind.MissingAtVipps, "rec-dropped", 7_000L), (finding.Kind, finding.Ours!.Reference, finding.Ours.Amount));
        Assert.Null(finding.Vipps);
        Assert.Equal("ship-1", finding.Ours.OperationId);
        // A payment's: the console links it to the payment's page (a charge's to the charge's).
        Assert.Equal(SagaKind.Payment, finding.Ours.SagaKind);
        var stored = await h.Get<ReconciliationStore>().GetAsync(Unit, Day1);
        Assert.Equal(finding, Assert.Single(stored!.Discrepancies));
        var published = Assert.Single(await OutcomesAsync(h, "reconciliation.discrepancy.v1"));
        var data = published.GetProperty("data").GetProperty("reconciliation");
        Assert.Equal(("MissingAtVipps", 7_000), (data.GetProperty("kind").GetString(), data.GetProperty("ours").GetProperty("amount").GetInt32()));
    }

    [Fact]
    public async Task a_capture_made_in_the_portal_is_reported_unknown_to_us()
    {
        await using var h = await StartAsync();
        await CapturedAsync(h, "rec-ours", 10_000);
        var psp = await h.Simulator.Admin.AddPortalCaptureAsync(Msn, "portal-sale-9", 4_200);
        CloseDay(h);

        var day = await Job(h).ReconcileAsync(Unit, Day1);

        var finding = Assert.Single(day.Discrepancies);
        Assert.Equal((DiscrepancyKind.UnknownToUs, "portal-sale-9", 4_200L, psp), (finding.Kind, finding.Vipps!.Reference, finding.Vipps.Amount, finding.Vipps.PspReference));
        Assert.Null(finding.Ours);
        Assert.Equal((1, 14_200L), (day.Matched, day.Captured));
    }

    [Fact]
    public async Task a_settled_amount_off_by_one_ore_is_reported_as_an_amount_mismatch_with_both_sides()
    {
        await using var h = await StartAsync();
        await CapturedAsync(h, "rec-offby1", 10_000, refund: 4_000);
        await h.Simulator.Admin.AdjustSettlementEntryAsync(await PspReferenceAsync(h, "rec-offby1", "refund"), -1);
        CloseDay(h);

        var day = await Job(h).ReconcileAsync(Unit, Day1);

        var finding = Assert.Single(day.Discrepancies);
        Assert.Equal(DiscrepancyKind.AmountMismatch, finding.Kind);
        Assert.Equal(("refund", 4_000L, "refund", 3_999L, -1L), (finding.Ours!.Operation, finding.Ours.Amount, finding.Vipps!.Operation, finding.Vipps.Amount, finding.Difference));
        Assert.Equal(1, day.Matched);
    }

    [Fact]
    public async Task a_date_vipps_has_not_closed_is_recorded_pending_and_reconciled_once_it_closes()
    {
        await using var h = await StartAsync();
        await CapturedAsync(h, "rec-late", 10_000);
        await h.Simulator.Admin.DelayLedgerDateAsync(LedgerId, Day1, TimeSpan.FromHours(6));
        CloseDay(h);

        var pending = await Job(h).ReconcileAsync(Unit, Day1);
        Assert.Equal(ReconciliationStatus.Pending, pending.Status);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(30), pending.NextAttemptAt);
        Assert.Empty(await OutcomesAsync(h, "reconciliation.completed.v1"));
        Assert.Empty(await Job(h).CatchUpAsync()); // not due again yet

        h.Clock.Advance(TimeSpan.FromHours(6));
        var ran = await Job(h).CatchUpAsync();

        var day = Assert.Single(ran, d => d.LedgerDate == Day1);
        Assert.Equal((ReconciliationStatus.Reconciled, 1, 2), (day.Status, day.Matched, day.Attempts));
    }

    [Fact]
    public async Task a_sales_unit_whose_merchant_has_not_granted_access_is_recorded_as_no_consent_and_not_retried()
    {
        await using var h = await StartAsync();
        await CapturedAsync(h, "rec-noconsent", 10_000);
        await h.Simulator.Admin.RevokeReportConsentAsync(SimulatorDefaults.AccountingClientId, Msn);
        CloseDay(h);

        var day = await Job(h).ReconcileAsync(Unit, Day1);

        Assert.Equal(ReconciliationStatus.NoConsent, day.Status);
        Assert.Contains("granted", day.Reason, StringComparison.Ordinal);
        Assert.Null(day.NextAttemptAt);
        h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.DoesNotContain(await Job(h).CatchUpAsync(), d => d.LedgerDate == Day1);
        Assert.Equal(ReconciliationStatus.NoConsent, (await h.Get<ReconciliationStore>().GetAsync(Unit, Day1))!.Status);
    }

    [Fact]
    public async Task a_day_spread_over_many_report_pages_is_read_across_every_cursor_and_matched_entirely()
    {
        await using var h = await StartAsync(o => o.ReportPageSize = 2);
        for (var i = 0; i < 5; i++)
        {
            await CapturedAsync(h, $"rec-page-{i}", 1_000 + i);
        }

        CloseDay(h);

        var day = await Job(h).ReconcileAsync(Unit, Day1);

        Assert.True(day.IsClean);
        Assert.Equal((5, 5_010L), (day.Matched, day.Captured));
    }

    [Fact]
    public async Task a_ledger_settling_two_sales_units_reconciles_each_against_its_own_entries()
    {
        const string second = "123457";
        await using var h = await StartAsync();
        await h.Simulator.Admin.AddSalesUnitAsync(new SalesUnitDefinition
        {
            Msn = second, Country = "NO", LinkedPartnerClientIds = [SimulatorDefaults.PartnerClientId, SimulatorDefaults.AccountingClientId],
        });
        await h.RegisterAsync(second, Market.Norway, SalesUnitStatus.Active, Events.Source);
        await h.Simulator.Admin.ConfigureLedgerAsync("7000001", new LedgerDefinition { Msns = [Msn, second] });
        await CapturedAsync(h, "rec-first", 10_000);
        await CapturedAsync(h, "rec-second", 20_000, msn: second);
        CloseDay(h);

        var first = await Job(h).ReconcileAsync(Unit, Day1);
        var other = await Job(h).ReconcileAsync(Domain.Values.Msn.Create(second).Value, Day1);

        Assert.All([first, other], d => Assert.True(d.IsClean, d.Reason));
        Assert.Equal(("7000001", 1, 10_000L), (first.LedgerId, first.Matched, first.Captured));
        Assert.Equal(("7000001", 1, 20_000L), (other.LedgerId, other.Matched, other.Captured));
        Assert.Equal(first.Payout, other.Payout); // the payout is the ledger's, for both
        Assert.Equal(30_000 - 175 - 350, first.Payout);
    }

    [Fact]
    public async Task re_running_a_day_rewrites_the_same_rows_and_publishes_outcomes_with_the_same_ids()
    {
        await using var h = await StartAsync();
        await CapturedAsync(h, "rec-rerun", 10_000);
        await h.Simulator.Admin.AddPortalCaptureAsync(Msn, "portal-rerun", 1_234);
        CloseDay(h);

        var once = await Job(h).ReconcileAsync(Unit, Day1);
        var twice = await Job(h).ReconcileAsync(Unit, Day1);

        Assert.Equal(once.Discrepancies, twice.Discrepancies);
        var stored = await h.Get<ReconciliationStore>().GetAsync(Unit, Day1);
        Assert.Equal(once.Discrepancies, stored!.Discrepancies);
        Assert.Equal(2, stored.Attempts);
        var discrepancies = await OutcomesAsync(h, "reconciliation.discrepancy.v1");
        var completed = await OutcomesAsync(h, "reconciliation.completed.v1");
        Assert.Equal(2, discrepancies.Count);
        Assert.Single(discrepancies.Select(e => e.GetProperty("id").GetString()).Distinct());
        Assert.Equal(2, completed.Count);
        Assert.Single(completed.Select(e => e.GetProperty("id").GetString()).Distinct());
    }

    [Fact]
    public async Task a_rerun_that_cannot_read_the_ledger_says_so_and_keeps_the_report_it_would_have_replaced()
    {
        await using var h = await StartAsync();
        await CapturedAsync(h, "rec-kept", 10_000);
        CloseDay(h);
        var reconciled = await Job(h).ReconcileAsync(Unit, Day1);
        Assert.Equal(ReconciliationStatus.Reconciled, reconciled.Status);

        await h.Simulator.Admin.AddFaultAsync(new FaultRule { Route = "report.ledgers", Kind = FaultKind.Error, Status = 400, Count = 1 });
        var rerun = await Job(h).ReconcileAsync(Unit, Day1);

        Assert.Equal(ReconciliationStatus.Failed, rerun.Status);
        Assert.Contains("is kept", rerun.Reason, StringComparison.Ordinal);
        var stored = (await h.Get<ReconciliationStore>().GetAsync(Unit, Day1))!;
        Assert.Equal((ReconciliationStatus.Reconciled, 1, 10_000L, reconciled.ReconciledAt), (stored.Status, stored.Matched, stored.Captured, stored.ReconciledAt));
        Assert.DoesNotContain(await Job(h).CatchUpAsync(), d => d.LedgerDate == Day1);
    }

    [Fact]
    public async Task catch_up_after_downtime_reconciles_every_closed_day_missed_once_and_not_again()
    {
        await using var h = await StartAsync();
        await CapturedAsync(h, "rec-day1", 10_000);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await CapturedAsync(h, "rec-day2", 20_000);
        h.Clock.Advance(TimeSpan.FromDays(2)); // the host was down: 1, 2 and 3 December have ended

        var ran = await Job(h).CatchUpAsync();

        Assert.Equal([Day1, Day1.AddDays(1), Day1.AddDays(2)], ran.Select(d => d.LedgerDate).Order());
        Assert.All(ran, d => Assert.True(d.IsClean, d.Reason));
        Assert.Equal([10_000L, 20_000L, 0L], ran.OrderBy(d => d.LedgerDate).Select(d => d.Captured));
        Assert.Empty(await Job(h).CatchUpAsync());
    }

    private static Task<SagaHarness> StartAsync(Action<SimulatorOptions>? configure = null) =>
        SagaHarness.StartAsync(sharedClockAt: Morning, configureSimulator: configure);

    private static ReconciliationJob Job(SagaHarness h) => h.Get<ReconciliationJob>();

    /// <summary>Moves the shared clock to midnight UTC: 1 December has ended in Oslo (23:00 UTC) and is closed.</summary>
    private static void CloseDay(SagaHarness h) => h.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));

    /// <summary>A payment authorized, captured in full (capture id ship-1) and optionally refunded (refund id rf-1) through the sagas.</summary>
    private static async Task CapturedAsync(SagaHarness h, string reference, long amount, long refund = 0, string msn = Msn)
    {
        var key = SagaKey.Payment(Domain.Values.Msn.Create(msn).Value, PaymentReference.Create(reference).Value);
        await h.SendSettledAsync(Events.PaymentRequested(msn, reference, amount));
        await h.Simulator.Admin.ApprovePaymentAsync(msn, reference);
        await h.WakeAsync(key);
        await h.SendSettledAsync(Events.CaptureRequested(msn, reference, "ship-1", amount));
        if (refund > 0)
        {
            await h.SendSettledAsync(Events.RefundRequested(msn, reference, "rf-1", refund));
        }
    }

    /// <summary>Vipps' pspReference of a settled capture or refund, from the ledger's feed.</summary>
    private static async Task<string> PspReferenceAsync(SagaHarness h, string reference, string entryType)
    {
        var page = Assert.IsType<FeedPage>(await h.Get<VippsReportClient>().GetFeedPageAsync(MerchantSerialNumber.Create(Msn), LedgerId, ReportTopic.Funds));
        return page.Entries.Single(e => e.Reference == reference && e.EntryTypeName == entryType).PspReference;
    }

    private static async Task<IReadOnlyList<JsonElement>> OutcomesAsync(SagaHarness h, string type)
    {
        var result = new List<JsonElement>();
        foreach (var message in (await h.EventsQueue.PeekMessagesAsync(32)).Value)
        {
            using var json = JsonDocument.Parse(message.Body);
            if (json.RootElement.GetProperty("type").GetString() == type)
            {
                result.Add(json.RootElement.Clone());
            }
        }

        return result;
    }
}
