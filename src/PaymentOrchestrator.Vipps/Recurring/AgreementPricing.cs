namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Pricing as Vipps reports it (LEGACY: amount; VARIABLE: suggested and user-chosen max amount).</summary>
public sealed record AgreementPricing
{
    /// <summary>LEGACY, VARIABLE or FLEXIBLE.</summary>
    public PricingType Type { get; init; }

    /// <summary>Currency.</summary>
    public Currency Currency { get; init; }

    /// <summary>Price (LEGACY).</summary>
    public long? Amount { get; init; }

    /// <summary>Suggested max amount (VARIABLE).</summary>
    public long? SuggestedMaxAmount { get; init; }

    /// <summary>The max amount the user chose (VARIABLE).</summary>
    public long? MaxAmount { get; init; }
}
