namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>New price of an agreement (LEGACY: amount; VARIABLE: suggested max amount).</summary>
public sealed record AgreementPricingUpdate
{
    /// <summary>New price (LEGACY).</summary>
    public long? Amount { get; init; }

    /// <summary>New suggested max amount (VARIABLE).</summary>
    public long? SuggestedMaxAmount { get; init; }
}
