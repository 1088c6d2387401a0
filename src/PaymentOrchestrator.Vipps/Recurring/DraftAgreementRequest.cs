namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Body of <c>POST /recurring/v3/agreements</c> (<c>DraftAgreementV3</c>).</summary>
public sealed record DraftAgreementRequest
{
    /// <summary>Pricing (its type can never change later).</summary>
    public required AgreementPricingRequest Pricing { get; init; }

    /// <summary>Billing interval.</summary>
    public required TimePeriod Interval { get; init; }

    /// <summary>HTTPS page where the user manages the subscription.</summary>
    public required string MerchantAgreementUrl { get; init; }

    /// <summary>Where the user returns after accepting or rejecting.</summary>
    public required string MerchantRedirectUrl { get; init; }

    /// <summary>At most 45 characters.</summary>
    public required string ProductName { get; init; }

    /// <summary>At most 100 characters.</summary>
    public string? ProductDescription { get; init; }

    /// <summary>The user's MSISDN, if known.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>An initial charge, if the user pays on acceptance.</summary>
    public InitialCharge? InitialCharge { get; init; }

    /// <summary>True when started from a mobile app (deeplink answer).</summary>
    public bool? IsApp { get; init; }

    /// <summary>Userinfo scope.</summary>
    public string? Scope { get; init; }

    /// <summary>Push straight to the phone (allow-listed sales units only).</summary>
    public bool? SkipLandingPage { get; init; }

    /// <summary>The merchant's own id for the agreement (1–64 characters).</summary>
    public string? ExternalId { get; init; }
}
