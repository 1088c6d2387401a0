namespace PaymentOrchestrator.Vipps.Report;

/// <summary>
/// What a Report API read gave: <see cref="LedgerFound"/>, <see cref="LedgerDateClosed"/>, <see cref="FeedPage"/>,
/// or one of the two expected non-answers, <see cref="LedgerDateNotClosed"/> and <see cref="ReportNoConsent"/>.
/// Real failures (5xx after retries, bad keys) stay <see cref="Errors.VippsApiException"/>.
/// </summary>
public abstract record ReportResult;
