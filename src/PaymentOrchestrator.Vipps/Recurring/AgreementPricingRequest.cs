namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Draft agreement <c>pricing</c>: LEGACY needs <see cref="Amount"/>, VARIABLE needs <see cref="SuggestedMaxAmount"/>.</summary>
public sealed record AgreementPricingRequest
{
    /// <summary>LEGACY (default) or VARIABLE.</summary>
    public PricingType? Type { get; init; }

    /// <summary>The agreement's currency.</summary>
    public required Currency Currency { get; init; }

    /// <summary>Fixed price in minor units (LEGACY), at least 100.</summary>
    public long? Amount { get; init; }

    /// <summary>Suggested max amount in minor units (VARIABLE), 100–2,000,000.</summary>
    public long? SuggestedMaxAmount { get; init; }
}
