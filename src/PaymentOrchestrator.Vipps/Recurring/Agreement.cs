namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>An agreement (<c>AgreementResponseV3</c>).</summary>
public sealed record Agreement
{
    /// <summary>Agreement id.</summary>
    public string Id { get; init; } = "";

    /// <summary>The id as a UUID.</summary>
    public Guid? Uuid { get; init; }

    /// <summary>Status.</summary>
    public AgreementStatus Status { get; init; }

    /// <summary>Pricing.</summary>
    public AgreementPricing? Pricing { get; init; }

    /// <summary>Interval.</summary>
    public TimePeriod? Interval { get; init; }

    /// <summary>Product name.</summary>
    public string? ProductName { get; init; }

    /// <summary>Product description.</summary>
    public string? ProductDescription { get; init; }

    /// <summary>When it was drafted.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>When it became active.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>When it was stopped.</summary>
    public DateTimeOffset? Stop { get; init; }

    /// <summary>Management page.</summary>
    public string? MerchantAgreementUrl { get; init; }

    /// <summary>Redirect URL.</summary>
    public string? MerchantRedirectUrl { get; init; }

    /// <summary>Confirmation URL while pending.</summary>
    public string? VippsConfirmationUrl { get; init; }

    /// <summary>Userinfo subject, if a scope was asked for.</summary>
    public string? Sub { get; init; }

    /// <summary>Userinfo URL, if a scope was asked for.</summary>
    public string? UserinfoUrl { get; init; }

    /// <summary>The merchant's own id.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Country code.</summary>
    public string? CountryCode { get; init; }
}
