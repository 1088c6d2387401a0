namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>What reconciliation can find wrong with a day.</summary>
public enum DiscrepancyKind
{
    /// <summary>We captured or refunded; the closed ledger date has no entry for it.</summary>
    MissingAtVipps,

    /// <summary>Vipps settled a capture or refund we have no record of (e.g. made in the portal).</summary>
    UnknownToUs,

    /// <summary>Both sides have the operation, with different amounts.</summary>
    AmountMismatch,
}
