namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Totals of a charge in minor units.</summary>
public sealed record ChargeSummary
{
    /// <summary>Captured.</summary>
    public long Captured { get; init; }

    /// <summary>Refunded.</summary>
    public long Refunded { get; init; }

    /// <summary>Cancelled.</summary>
    public long Cancelled { get; init; }
}
