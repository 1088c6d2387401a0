using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>
/// Matches what we executed against what Vipps settled for one sales unit and one closed ledger date. Pure: no I/O,
/// no clock; the same input always gives the same report, so a re-run of a day is idempotent.
/// <list type="number">
/// <item>By Vipps' own id: an operation whose <c>pspReference</c> we know takes the entry with that id (same kind)
/// and no other; a different amount there is an amount mismatch, and no entry with that id leaves it missing.</item>
/// <item>By reference, kind and amount (Recurring answers no pspReference): the date's own operations first, then those
/// of the neighbouring dates, each oldest first, against the entries oldest first — so of two equal partial captures a
/// day apart, the date's own takes the date's entry and the other is left to its own date.</item>
/// <item>By reference and kind alone, in the same order: the amounts differ.</item>
/// <item>What is left: Vipps entries are unknown to us; our operations inside the date are missing at Vipps, those
/// outside it belong to a neighbouring date.</item>
/// </list>
/// Each Vipps entry is used at most once, and so is each of our operations.
/// </summary>
public static class Reconciler
{
    /// <summary>
    /// Reconciles <paramref name="msn"/> for <paramref name="window"/>. <paramref name="ours"/> may hold operations
    /// from a wider span than the date (those near the cut-off settle on either side of it); <paramref name="funds"/>
    /// and <paramref name="fees"/> are the date's entries of each topic, possibly for several sales units of one
    /// ledger: only this sales unit's are matched, ledger-wide ones go into the totals. An entry that names no sales unit
    /// (its handle missing or unreadable) is this unit's only when the ledger settles no other (<paramref name="sharedLedger"/>
    /// false); in a shared ledger it is counted for none and listed in <see cref="ReconciliationReport.OtherEntries"/>
    /// for a person — counted for each unit, it would be counted as many times as the ledger has units.
    /// </summary>
    public static ReconciliationReport Reconcile(
        Msn msn,
        ReconciliationWindow window,
        IEnumerable<ExecutedOperation> ours,
        IEnumerable<SettlementEntry> funds,
        IEnumerable<SettlementEntry> fees,
        string currency,
        bool sharedLedger = false)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(funds);
        ArgumentNullException.ThrowIfNull(fees);
        var fundsList = funds.ToList();
        var feesList = fees.ToList();
        // Shown: what this unit's report lists for a person (an entry naming no unit is every unit's to look at).
        // Mine: what it matches and counts (an entry naming no unit only when the ledger settles no other unit).
        bool Shown(SettlementEntry e) => e.Msn is null || e.Msn == msn;
        bool Mine(SettlementEntry e) => e.Msn == msn || (e.Msn is null && !sharedLedger);
        var mine = fundsList.Where(Mine).ToList();

        var operations = ours.Where(o => o.Msn == msn)
            .OrderBy(o => window.Contains(o.At) ? 0 : 1).ThenBy(o => o.At).ThenBy(o => o.Reference, StringComparer.Ordinal)
            .ToList();
        var entries = mine
            .Where(e => e.OperationKind is not null)
            .OrderBy(e => e.Time).ThenBy(e => e.PspReference, StringComparer.Ordinal)
            .ToList();
        var entryTaken = new bool[entries.Count];
        var opTaken = new bool[operations.Count];
        var matched = new List<MatchedOperation>();
        var mismatched = new List<AmountMismatch>();

        // 1. Vipps' own id.
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            if (op.PspReference is null)
            {
                continue;
            }

            var j = FirstFree(e => e.PspReference == op.PspReference && e.OperationKind == op.Kind);
            if (j < 0)
            {
                continue;
            }

            Pair(i, j, byPsp: true);
        }

        // 2. Reference, kind and amount.
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            if (opTaken[i] || op.PspReference is not null)
            {
                continue;
            }

            var j = FirstFree(e => SameOperation(op, e) && SameMoney(op, e));
            if (j >= 0)
            {
                Pair(i, j, byPsp: false);
            }
        }

        // 3. Reference and kind: the amounts differ.
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            if (opTaken[i] || op.PspReference is not null)
            {
                continue;
            }

            var j = FirstFree(e => SameOperation(op, e));
            if (j >= 0)
            {
                Pair(i, j, byPsp: false);
            }
        }

        var unknown = entries.Where((_, j) => !entryTaken[j]).ToList();
        var leftover = operations.Where((_, i) => !opTaken[i]).ToList();
        return new ReconciliationReport(
            msn,
            window,
            matched,
            leftover.Where(o => window.Contains(o.At)).ToList(),
            unknown,
            mismatched,
            leftover.Where(o => !window.Contains(o.At)).ToList(),
            [.. fundsList.Concat(feesList).Where(e => e.EntryType == SettlementEntryType.Unknown && Shown(e))],
            [
                .. fundsList.Where(e => Shown(e) && e.EntryType is SettlementEntryType.Correction or SettlementEntryType.TopUp
                    or SettlementEntryType.RetainedDisputedCapture or SettlementEntryType.ReturnedDisputedCapture),
                // Captures, refunds and fees that name no unit, in a ledger of several: counted for none, shown here.
                .. fundsList.Concat(feesList).Where(e => Shown(e) && !Mine(e)
                    && e.EntryType is SettlementEntryType.Capture or SettlementEntryType.Refund or SettlementEntryType.CaptureFee),
            ],
            Totals(currency, fundsList, feesList, Mine));

        int FirstFree(Func<SettlementEntry, bool> predicate)
        {
            for (var j = 0; j < entries.Count; j++)
            {
                if (!entryTaken[j] && predicate(entries[j]))
                {
                    return j;
                }
            }

            return -1;
        }

        void Pair(int i, int j, bool byPsp)
        {
            opTaken[i] = true;
            entryTaken[j] = true;
            var op = operations[i];
            var entry = entries[j];
            if (SameMoney(op, entry))
            {
                matched.Add(new MatchedOperation(op, entry, byPsp));
            }
            else
            {
                mismatched.Add(new AmountMismatch(op, entry, Math.Abs(entry.Amount) - op.Amount.MinorUnits));
            }
        }
    }

    private static bool SameOperation(ExecutedOperation op, SettlementEntry entry) =>
        entry.OperationKind == op.Kind && string.Equals(entry.Reference, op.Reference, StringComparison.Ordinal);

    private static bool SameMoney(ExecutedOperation op, SettlementEntry entry) =>
        Math.Abs(entry.Amount) == op.Amount.MinorUnits
        && string.Equals(entry.Currency, op.Amount.Currency.ToString(), StringComparison.OrdinalIgnoreCase);

    private static DayTotals Totals(string currency, List<SettlementEntry> funds, List<SettlementEntry> fees, Func<SettlementEntry, bool> mine)
    {
        long Sum(IEnumerable<SettlementEntry> entries, SettlementEntryType type, bool mineOnly) =>
            entries.Where(e => e.EntryType == type && (!mineOnly || mine(e))).Sum(e => Math.Abs(e.Amount));

        // fees-retained is on both topics with opposite signs: count it once, from the funds topic.
        return new DayTotals(
            currency,
            Sum(funds, SettlementEntryType.Capture, mineOnly: true),
            Sum(funds, SettlementEntryType.Refund, mineOnly: true),
            Sum(fees, SettlementEntryType.CaptureFee, mineOnly: true),
            Sum(funds, SettlementEntryType.FeesRetained, mineOnly: false),
            Sum(funds, SettlementEntryType.ScheduledForPayout, mineOnly: false) - Sum(funds, SettlementEntryType.PayoutAborted, mineOnly: false));
    }
}
