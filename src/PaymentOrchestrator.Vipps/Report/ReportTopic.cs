namespace PaymentOrchestrator.Vipps.Report;

/// <summary>Which ledger of the Report API: sales, refunds and fee totals, or the fees in detail.</summary>
public enum ReportTopic
{
    /// <summary><c>funds</c>: captures, refunds, fees retained, payouts.</summary>
    Funds,

    /// <summary><c>fees</c>: each fee charged, and how the fees were settled.</summary>
    Fees,
}
