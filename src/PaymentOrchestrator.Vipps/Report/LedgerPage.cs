namespace PaymentOrchestrator.Vipps.Report;

/// <summary>One page of ledgers; <paramref name="Cursor"/> is null on the last page.</summary>
/// <param name="Ledgers">The ledgers of this page.</param>
/// <param name="Cursor">Pass to the next call for the next page; null when there is none.</param>
public sealed record LedgerPage(IReadOnlyList<Ledger> Ledgers, string? Cursor);
