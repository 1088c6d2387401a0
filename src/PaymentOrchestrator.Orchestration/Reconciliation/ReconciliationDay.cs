using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Reconciliation;

/// <summary>One sales unit's ledger date as stored: status, counts and totals (minor units), and its findings.</summary>
public sealed record ReconciliationDay(
    string Msn,
    DateOnly LedgerDate,
    ReconciliationStatus Status,
    string? Reason,
    string? LedgerId,
    string? Currency,
    int Matched,
    int MissingAtVipps,
    int UnknownToUs,
    int AmountMismatches,
    int OutsideDate,
    int UnrecognizedEntries,
    int OtherEntries,
    long Captured,
    long Refunded,
    long Fees,
    long FeesRetained,
    long Payout,
    int Attempts,
    DateTimeOffset LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? ReconciledAt,
    IReadOnlyList<ReconciliationFinding> Discrepancies)
{
    /// <summary>Reconciled with nothing missing, unknown or off.</summary>
    public bool IsClean => Status == ReconciliationStatus.Reconciled && MissingAtVipps == 0 && UnknownToUs == 0 && AmountMismatches == 0;

    /// <summary>What the sales unit earned that day: captured − refunded − fees.</summary>
    public long Net => Captured - Refunded - Fees;
}

/// <summary>One stored discrepancy with both sides (null where a side does not exist).</summary>
public sealed record ReconciliationFinding(string Id, DiscrepancyKind Kind, FindingSide? Ours, FindingSide? Vipps, long? Difference);

/// <summary>One side of a finding: our capture/refund, or Vipps' entry.</summary>
public sealed record FindingSide(string Operation, string? Reference, long Amount, string Currency, DateTimeOffset At, string? OperationId, string? PspReference)
{
    /// <summary>Our side's saga kind (a payment's or a charge's operation; null on Vipps' side, and on findings stored before it was kept).</summary>
    public SagaKind? SagaKind { get; init; }
}
