namespace PaymentOrchestrator.Vipps.Report;

/// <summary>
/// The ledger date is not closed yet, so its report is not complete: Vipps answered 404 (the date has not ended or
/// the report is not ready) or <c>tryLater</c>. Not an error; ask again after <paramref name="TryAgainAfter"/>.
/// </summary>
/// <param name="LedgerId">The ledger.</param>
/// <param name="Topic">Funds or fees.</param>
/// <param name="LedgerDate">The date.</param>
/// <param name="TryAgainAfter">Vipps asks for at least half an hour.</param>
/// <param name="Reason">What Vipps answered, for logs.</param>
public sealed record LedgerDateNotClosed(string LedgerId, ReportTopic Topic, DateOnly LedgerDate, TimeSpan TryAgainAfter, string Reason) : ReportResult;
