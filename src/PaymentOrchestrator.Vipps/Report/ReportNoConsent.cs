namespace PaymentOrchestrator.Vipps.Report;

/// <summary>
/// The accounting keys may not read this sales unit's settlements: its merchant has not granted the accounting
/// partner access in the business portal (no ledger lists it, or the ledger answers 403). Retrying does not help;
/// the merchant must grant access.
/// </summary>
/// <param name="Msn">The sales unit.</param>
/// <param name="LedgerId">The ledger asked for, if any.</param>
/// <param name="KeySetName">The accounting key set used.</param>
/// <param name="Reason">What Vipps answered.</param>
public sealed record ReportNoConsent(MerchantSerialNumber Msn, string? LedgerId, string KeySetName, string Reason) : ReportResult;
