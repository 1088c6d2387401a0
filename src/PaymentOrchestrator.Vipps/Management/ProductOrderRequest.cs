namespace PaymentOrchestrator.Vipps.Management;

/// <summary>
/// A pre-filled product order for a merchant (management-v1.yaml <c>ProductOrderRequest</c>): the merchant reviews
/// it on the portal (<see cref="ProductOrder.PrefillUrl"/>) and submits it. Send as much as is known; a missing
/// field is the most common cause of delays. The logo, the settlement account and compliance data are not supported
/// yet.
/// </summary>
public sealed record ProductOrderRequest
{
    /// <summary>The merchant's business registration.</summary>
    public required BusinessIdentifier BusinessIdentifier { get; init; }

    /// <summary>The product ordered.</summary>
    public required ProductType ProductType { get; init; }

    /// <summary>The new sales unit's name as customers will see it: 1 to 30 characters.</summary>
    public string? SalesUnitName { get; init; }

    /// <summary>One of the partner's price packages, if the partner has chosen one.</summary>
    public Guid? PricePackageId { get; init; }

    /// <summary>Where the merchant will sell.</summary>
    public ProductUseCase? ProductUseCase { get; init; }

    /// <summary>Annual turnover in whole NOK, 0 to 999 999 999.</summary>
    public long? AnnualTurnover { get; init; }

    /// <summary>What will be sold, and hints for processing (e.g. "POS integration in physical store").</summary>
    public string? IntendedPurpose { get; init; }

    /// <summary>The merchant's website and terms.</summary>
    public ProductOrderWebsite? Website { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the field the spec would refuse.</summary>
    internal void Check()
    {
        ArgumentNullException.ThrowIfNull(BusinessIdentifier);
        if (ProductType == ProductType.Unknown)
        {
            throw new ArgumentException("Choose the product type to order.", nameof(ProductType));
        }

        if (SalesUnitName is { } name && (name.Trim().Length == 0 || name.Length > 30))
        {
            throw new ArgumentException($"salesUnitName is 1 to 30 characters; got {name.Length}.", nameof(SalesUnitName));
        }

        if (AnnualTurnover is < 0 or > 999_999_999)
        {
            throw new ArgumentException($"annualTurnover is 0 to 999999999 NOK; got {AnnualTurnover}.", nameof(AnnualTurnover));
        }

        if (ProductUseCase == Management.ProductUseCase.Unspecified)
        {
            throw new ArgumentException("Leave productUseCase null rather than Unspecified.", nameof(ProductUseCase));
        }

        if (Website is { } site && new[] { site.Url, site.TermsUrl, site.TestWebsiteUrl }.Any(u => u is not null && (!u.IsAbsoluteUri || u.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException("The website, terms and test website URLs must be absolute https:// URLs.", nameof(Website));
        }
    }
}
