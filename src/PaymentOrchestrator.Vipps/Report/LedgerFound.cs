namespace PaymentOrchestrator.Vipps.Report;

/// <summary>The ledger that settles a sales unit.</summary>
/// <param name="Ledger">The ledger.</param>
public sealed record LedgerFound(Ledger Ledger) : ReportResult;
