namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>
/// The ledger date being reconciled and the instants it covers (midnight to midnight in the merchant's zone unless
/// the ledger has another cut-off). The caller works these out; the reconciler reads no clock and no zone.
/// </summary>
/// <param name="LedgerDate">The ledger date.</param>
/// <param name="Start">First instant of the date (inclusive).</param>
/// <param name="End">First instant of the next date (exclusive).</param>
public sealed record ReconciliationWindow(DateOnly LedgerDate, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Whether <paramref name="at"/> falls in the date.</summary>
    public bool Contains(DateTimeOffset at) => at >= Start && at < End;
}
