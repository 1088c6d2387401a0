namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>
/// Body of <c>PATCH /recurring/v3/agreements/{id}</c> (<c>PatchAgreementV3</c>) without <c>status</c>: stopping is
/// <see cref="VippsRecurringClient.StopAgreementAsync"/>, because Vipps requires <c>{"status":"STOPPED"}</c> alone.
/// </summary>
public sealed record UpdateAgreementRequest
{
    /// <summary>At most 45 characters.</summary>
    public string? ProductName { get; init; }

    /// <summary>At most 100 characters.</summary>
    public string? ProductDescription { get; init; }

    /// <summary>Management page.</summary>
    public string? MerchantAgreementUrl { get; init; }

    /// <summary>The merchant's own id.</summary>
    public string? ExternalId { get; init; }

    /// <summary>New price.</summary>
    public AgreementPricingUpdate? Pricing { get; init; }
}
