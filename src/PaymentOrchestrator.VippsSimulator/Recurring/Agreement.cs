namespace PaymentOrchestrator.VippsSimulator.Recurring;

internal sealed class Agreement
{
    public required string Id { get; init; }

    public required string Uuid { get; init; }

    public required string Msn { get; init; }

    public required string Currency { get; init; }

    public required string CountryCode { get; init; }

    public required string PricingType { get; init; }

    public long? Amount { get; set; }

    public long? SuggestedMaxAmount { get; set; }

    public long? MaxAmount { get; set; }

    public required string IntervalUnit { get; set; }

    public required int IntervalCount { get; set; }

    public required string ProductName { get; set; }

    public string? ProductDescription { get; set; }

    public required string MerchantAgreementUrl { get; set; }

    public required string MerchantRedirectUrl { get; init; }

    public string? ExternalId { get; set; }

    public string? PhoneNumber { get; set; }

    public string? Scope { get; init; }

    public string? Sub { get; set; }

    public required string ConfirmationUrl { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AutoAcceptAt { get; init; }

    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? Stop { get; set; }

    public string Status { get; set; } = "PENDING";

    public string? InitialChargeId { get; init; }
}
