using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Tests.Reconciliation;

/// <summary>One behaviour per discrepancy class, plus the matching rules that decide between them.</summary>
public class ReconcilerTests
{
    internal static readonly Msn Unit = Msn.Create("123456").Value;
    internal static readonly Msn Other = Msn.Create("223344").Value;
    internal static readonly DateOnly Date = new(2026, 12, 1);
    internal static readonly DateTimeOffset Start = new(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);
    internal static readonly ReconciliationWindow Window = new(Date, Start, Start.AddDays(1));

    [Fact]
    public void a_capture_and_a_refund_settled_as_executed_are_matched_and_the_day_is_clean()
    {
        var capture = Ours("order-1", SettlementOperationKind.Capture, 10_000, Start.AddHours(2), psp: "1001");
        var refund = Ours("order-1", SettlementOperationKind.Refund, 2_500, Start.AddHours(3), psp: "1002");

        var report = Reconcile([capture, refund], [Entry("1001", "capture", "order-1", 10_000, Start.AddHours(2)), Entry("1002", "refund", "order-1", -2_500, Start.AddHours(3))]);

        Assert.True(report.IsClean);
        Assert.Equal(2, report.Matched.Count);
        Assert.All(report.Matched, m => Assert.True(m.ByPspReference));
        Assert.Empty(report.Discrepancies);
    }

    [Fact]
    public void an_operation_without_psp_reference_is_matched_on_reference_kind_and_amount()
    {
        var charge = Ours("charge-7", SettlementOperationKind.Capture, 4_900, Start.AddHours(1));

        var report = Reconcile([charge], [Entry("2001", "capture", "charge-7", 4_900, Start.AddHours(1))]);

        var match = Assert.Single(report.Matched);
        Assert.False(match.ByPspReference);
        Assert.Equal("2001", match.Theirs.PspReference);
    }

    [Fact]
    public void a_capture_the_closed_date_does_not_settle_is_missing_at_vipps()
    {
        var capture = Ours("order-2", SettlementOperationKind.Capture, 10_000, Start.AddHours(5), psp: "3001");

        var report = Reconcile([capture], []);

        Assert.Equal(capture, Assert.Single(report.MissingAtVipps));
        var finding = Assert.Single(report.Discrepancies);
        Assert.Equal(DiscrepancyKind.MissingAtVipps, finding.Kind);
        Assert.Null(finding.Theirs);
        Assert.False(report.IsClean);
    }

    [Fact]
    public void a_capture_made_in_the_portal_is_unknown_to_us()
    {
        var portal = Entry("4001", "capture", "portal-sale", 12_345, Start.AddHours(4));

        var report = Reconcile([], [portal]);

        Assert.Equal(portal, Assert.Single(report.UnknownToUs));
        var finding = Assert.Single(report.Discrepancies);
        Assert.Equal(DiscrepancyKind.UnknownToUs, finding.Kind);
        Assert.Null(finding.Ours);
        Assert.Equal("unknown-4001", finding.Id);
    }

    [Fact]
    public void an_amount_one_ore_off_is_an_amount_mismatch_with_both_sides_and_the_difference()
    {
        var capture = Ours("order-3", SettlementOperationKind.Capture, 10_000, Start.AddHours(6), psp: "5001");
        var settled = Entry("5001", "capture", "order-3", 10_001, Start.AddHours(6));

        var report = Reconcile([capture], [settled]);

        var mismatch = Assert.Single(report.AmountMismatches);
        Assert.Equal(1, mismatch.Difference);
        Assert.Equal(capture, mismatch.Ours);
        Assert.Equal(settled, mismatch.Theirs);
        Assert.Empty(report.Matched);
        Assert.Empty(report.MissingAtVipps);
        Assert.Empty(report.UnknownToUs);
    }

    [Fact]
    public void an_amount_mismatch_is_found_on_reference_and_kind_when_the_psp_reference_is_unknown()
    {
        var refund = Ours("order-4", SettlementOperationKind.Refund, 3_000, Start.AddHours(7));

        var report = Reconcile([refund], [Entry("6001", "refund", "order-4", -2_999, Start.AddHours(7))]);

        Assert.Equal(-1, Assert.Single(report.AmountMismatches).Difference);
    }

    [Fact]
    public void two_equal_captures_of_one_reference_each_take_their_own_entry_and_a_third_is_missing()
    {
        var first = Ours("order-5", SettlementOperationKind.Capture, 1_000, Start.AddHours(1));
        var second = Ours("order-5", SettlementOperationKind.Capture, 1_000, Start.AddHours(2));
        var third = Ours("order-5", SettlementOperationKind.Capture, 1_000, Start.AddHours(3));

        var report = Reconcile([first, second, third], [Entry("7001", "capture", "order-5", 1_000, Start.AddHours(1)), Entry("7002", "capture", "order-5", 1_000, Start.AddHours(2))]);

        Assert.Equal(["7001", "7002"], report.Matched.Select(m => m.Theirs.PspReference));
        Assert.Equal(third, Assert.Single(report.MissingAtVipps));
    }

    [Fact]
    public void an_operation_with_a_known_psp_reference_never_takes_another_operations_entry()
    {
        var dropped = Ours("order-6", SettlementOperationKind.Capture, 1_000, Start.AddHours(1), psp: "8001");
        var other = Ours("order-6", SettlementOperationKind.Capture, 1_000, Start.AddHours(2), psp: "8002");

        var report = Reconcile([dropped, other], [Entry("8002", "capture", "order-6", 1_000, Start.AddHours(2))]);

        Assert.Equal(other, Assert.Single(report.Matched).Ours);
        Assert.Equal(dropped, Assert.Single(report.MissingAtVipps));
    }

    [Fact]
    public void a_capture_after_the_cut_off_without_an_entry_belongs_to_the_next_date_not_missing()
    {
        var late = Ours("order-7", SettlementOperationKind.Capture, 1_000, Window.End.AddMinutes(1));
        var nearCutOff = Ours("order-8", SettlementOperationKind.Capture, 2_000, Window.Start.AddSeconds(-1));

        var report = Reconcile([late, nearCutOff], [Entry("9001", "capture", "order-8", 2_000, Window.Start)]);

        Assert.Equal(late, Assert.Single(report.OutsideDate));
        Assert.Equal(nearCutOff, Assert.Single(report.Matched).Ours);
        Assert.True(report.IsClean);
    }

    [Fact]
    public void of_two_equal_partial_captures_a_day_apart_the_dates_own_takes_the_dates_entry()
    {
        var yesterdays = Ours("order-9", SettlementOperationKind.Capture, 500, Window.Start.AddHours(-14));
        var todays = Ours("order-9", SettlementOperationKind.Capture, 500, Window.Start.AddHours(10));

        var report = Reconcile([yesterdays, todays], [Entry("9101", "capture", "order-9", 500, Window.Start.AddHours(11))]);

        Assert.Equal(todays, Assert.Single(report.Matched).Ours);
        Assert.Empty(report.MissingAtVipps);
        Assert.Equal(yesterdays, Assert.Single(report.OutsideDate));
        Assert.True(report.IsClean);
    }

    [Fact]
    public void two_unknown_entries_without_a_vipps_id_get_two_finding_ids()
    {
        var report = Reconcile([], [Entry("", "capture", "order-x", 700, Start.AddHours(1)), Entry("", "capture", "order-y", 700, Start.AddHours(2))]);

        Assert.Equal(2, report.UnknownToUs.Count);
        Assert.Equal(2, report.Discrepancies.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void in_a_ledger_of_several_units_a_capture_that_names_no_unit_is_counted_for_none_and_shown_to_a_person()
    {
        var nameless = Entry("9201", "capture", "order-z", 900, Start.AddHours(3), msn: null);
        var funds = new[] { Entry("9202", "capture", "order-u", 1_000, Start.AddHours(1)), Entry("9203", "capture", "order-o", 2_000, Start.AddHours(2), Other), nameless };
        var ours = new[] { Ours("order-u", SettlementOperationKind.Capture, 1_000, Start.AddHours(1)) };

        var unit = Reconciler.Reconcile(Unit, Window, ours, funds, [], "NOK", sharedLedger: true);
        var other = Reconciler.Reconcile(Other, Window, [], funds, [], "NOK", sharedLedger: true);
        var alone = Reconciler.Reconcile(Unit, Window, ours, funds.Where(e => e.Msn != Other), [], "NOK", sharedLedger: false);

        Assert.Equal(1_000, unit.Totals.Captured);
        Assert.Equal(2_000, other.Totals.Captured);
        Assert.Contains(nameless, unit.OtherEntries);
        Assert.True(unit.IsClean);
        // A ledger of one unit: the nameless entry is that unit's, and unknown to us.
        Assert.Equal(1_900, alone.Totals.Captured);
        Assert.Equal(nameless, Assert.Single(alone.UnknownToUs));
    }

    [Fact]
    public void in_a_ledger_of_several_units_a_correction_or_an_unknown_entry_that_names_no_unit_is_still_listed_for_each()
    {
        var correction = Entry("9301", "correction", null, 50, Start.AddHours(1), msn: null);
        var strange = Entry("9302", "something-new", null, 70, Start.AddHours(2), msn: null);

        var report = Reconciler.Reconcile(Unit, Window, [], [correction, strange], [], "NOK", sharedLedger: true);

        Assert.Contains(correction, report.OtherEntries);
        Assert.Contains(strange, report.UnrecognizedEntries);
    }

    [Fact]
    public void a_ledger_settling_two_sales_units_matches_only_this_units_entries_and_pays_out_ledger_wide()
    {
        var capture = Ours("order-9", SettlementOperationKind.Capture, 10_000, Start.AddHours(1), psp: "1101");
        var funds = new[]
        {
            Entry("1101", "capture", "order-9", 10_000, Start.AddHours(1)),
            Entry("1102", "capture", "dk-order", 5_000, Start.AddHours(1), msn: Other),
            Entry("1103", "fees-retained", null, -260, Window.End, msn: null),
            Entry("1104", "scheduled-for-payout", null, -14_740, Window.End, msn: null),
        };
        var fees = new[]
        {
            Entry("1105", "capture-fee", "order-9", 175, Start.AddHours(1)),
            Entry("1106", "capture-fee", "dk-order", 85, Start.AddHours(1), msn: Other),
            Entry("1107", "fees-retained", null, 260, Window.End, msn: null),
        };

        var report = Reconciler.Reconcile(Unit, Window, [capture], funds, fees, "NOK");

        Assert.True(report.IsClean);
        Assert.Single(report.Matched);
        Assert.Equal(new DayTotals("NOK", 10_000, 0, 175, 260, 14_740), report.Totals);
        Assert.Equal(9_825, report.Totals.Net);
    }

    [Fact]
    public void an_unknown_entry_type_is_kept_with_its_raw_name_and_reported_not_matched()
    {
        var odd = Entry("1201", "instant-payout-fee", null, -50, Start.AddHours(1));

        var report = Reconcile([], [odd]);

        Assert.Equal(SettlementEntryType.Unknown, odd.EntryType);
        Assert.Equal("instant-payout-fee", Assert.Single(report.UnrecognizedEntries).EntryTypeName);
        Assert.True(report.IsClean);
    }

    [Fact]
    public void totals_sum_captures_refunds_fees_and_payout_of_the_day()
    {
        var report = Reconcile(
            [],
            [Entry("1", "capture", "a", 10_000, Start), Entry("2", "refund", "a", -4_000, Start), Entry("3", "scheduled-for-payout", null, -6_000, Window.End, null), Entry("4", "payout-aborted", null, 1_000, Window.End, null)],
            [Entry("5", "capture-fee", "a", 175, Start), Entry("6", "fees-invoiced", null, -175, Window.End, null)]);

        Assert.Equal(new DayTotals("NOK", 10_000, 4_000, 175, 0, 5_000), report.Totals);
    }

    [Fact]
    public void reconciling_the_same_day_twice_gives_the_same_report()
    {
        var ours = new[] { Ours("r", SettlementOperationKind.Capture, 100, Start, psp: "1"), Ours("s", SettlementOperationKind.Refund, 50, Start) };
        var theirs = new[] { Entry("1", "capture", "r", 101, Start), Entry("2", "capture", "t", 10, Start) };

        var first = Reconcile(ours, theirs);
        var second = Reconcile(ours.Reverse(), theirs.Reverse());

        Assert.Equal(first.Discrepancies.Select(d => d.Id), second.Discrepancies.Select(d => d.Id));
        Assert.Equal(first.Totals, second.Totals);
    }

    internal static ReconciliationReport Reconcile(IEnumerable<ExecutedOperation> ours, IEnumerable<SettlementEntry> funds, IEnumerable<SettlementEntry>? fees = null) =>
        Reconciler.Reconcile(Unit, Window, ours, funds, fees ?? [], "NOK");

    internal static ExecutedOperation Ours(string reference, SettlementOperationKind kind, long amount, DateTimeOffset at, string? psp = null) =>
        new(Unit, reference, kind, new Money(amount, Currency.NOK), at, psp);

    internal static SettlementEntry Entry(string psp, string type, string? reference, long amount, DateTimeOffset time) =>
        new(psp, time, Date, type, reference, "NOK", amount, Unit);

    internal static SettlementEntry Entry(string psp, string type, string? reference, long amount, DateTimeOffset time, Msn? msn) =>
        new(psp, time, Date, type, reference, "NOK", amount, msn);
}
