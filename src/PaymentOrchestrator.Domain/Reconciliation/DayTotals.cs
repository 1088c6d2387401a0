namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>
/// A ledger date's money as Vipps reports it, positive minor units. <see cref="Captured"/>, <see cref="Refunded"/>
/// and <see cref="Fees"/> are the sales unit's own; <see cref="FeesRetained"/> and <see cref="Payout"/> are
/// ledger-wide (a ledger that settles several sales units pays them out together).
/// </summary>
/// <param name="Currency">The ledger's currency.</param>
/// <param name="Captured">Sum of the sales unit's capture entries.</param>
/// <param name="Refunded">Sum of the sales unit's refund entries.</param>
/// <param name="Fees">Sum of the sales unit's capture fees (fees topic).</param>
/// <param name="FeesRetained">Fees kept back from the payout (net settlement), ledger-wide; 0 with gross settlement.</param>
/// <param name="Payout">Scheduled for payout less aborted payouts, ledger-wide.</param>
public sealed record DayTotals(string Currency, long Captured, long Refunded, long Fees, long FeesRetained, long Payout)
{
    /// <summary>What the sales unit earned that day: captured − refunded − fees.</summary>
    public long Net => Captured - Refunded - Fees;
}
