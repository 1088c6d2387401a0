using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>The outcome of reconciling one sales unit's ledger date. Every Vipps capture/refund entry of the sales
/// unit lands in exactly one of <see cref="Matched"/>, <see cref="AmountMismatches"/> or <see cref="UnknownToUs"/>;
/// every one of our operations in exactly one of <see cref="Matched"/>, <see cref="AmountMismatches"/>,
/// <see cref="MissingAtVipps"/> or <see cref="OutsideDate"/>.</summary>
/// <param name="Msn">The sales unit.</param>
/// <param name="Window">The ledger date and the instants it covers.</param>
/// <param name="Matched">Operations settled as executed.</param>
/// <param name="MissingAtVipps">Our operations inside the date that the closed date does not settle.</param>
/// <param name="UnknownToUs">Vipps capture/refund entries we have no operation for.</param>
/// <param name="AmountMismatches">Operations Vipps settled with another amount or currency.</param>
/// <param name="OutsideDate">Our operations outside the date and not in its report: they belong to a neighbouring date (not a discrepancy here).</param>
/// <param name="UnrecognizedEntries">Entries of an entry type this code does not know (reported, never dropped silently).</param>
/// <param name="OtherEntries">Known entries that are neither captures, refunds, fees nor payouts (corrections, disputes, top-ups) for people to look at — and, in a ledger that settles several sales units, captures, refunds and fees that name none (counted for no unit).</param>
/// <param name="Totals">The day's money.</param>
public sealed record ReconciliationReport(
    Msn Msn,
    ReconciliationWindow Window,
    IReadOnlyList<MatchedOperation> Matched,
    IReadOnlyList<ExecutedOperation> MissingAtVipps,
    IReadOnlyList<SettlementEntry> UnknownToUs,
    IReadOnlyList<AmountMismatch> AmountMismatches,
    IReadOnlyList<ExecutedOperation> OutsideDate,
    IReadOnlyList<SettlementEntry> UnrecognizedEntries,
    IReadOnlyList<SettlementEntry> OtherEntries,
    DayTotals Totals)
{
    /// <summary>True when every operation matched: nothing missing, unknown or off.</summary>
    public bool IsClean => MissingAtVipps.Count == 0 && UnknownToUs.Count == 0 && AmountMismatches.Count == 0;

    /// <summary>Every finding with both sides, in a stable order: missing, unknown, amount.</summary>
    public IReadOnlyList<Discrepancy> Discrepancies =>
    [
        .. MissingAtVipps.Select(o => new Discrepancy(DiscrepancyKind.MissingAtVipps, o, null)),
        .. UnknownToUs.Select(e => new Discrepancy(DiscrepancyKind.UnknownToUs, null, e)),
        .. AmountMismatches.Select(m => new Discrepancy(DiscrepancyKind.AmountMismatch, m.Ours, m.Theirs)),
    ];
}
