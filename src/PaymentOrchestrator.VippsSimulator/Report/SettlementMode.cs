namespace PaymentOrchestrator.VippsSimulator;

/// <summary>How a ledger settles fees (vipps-api-notes "Report API").</summary>
public enum SettlementMode
{
    /// <summary>Fees are retained from the payout: <c>fees-retained</c> on both topics with opposite signs.</summary>
    Net,

    /// <summary>The whole amount is paid out and fees are invoiced: <c>fees-invoiced</c> on the fees topic.</summary>
    Gross,
}
