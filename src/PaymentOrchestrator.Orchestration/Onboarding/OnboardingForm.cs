using System.Globalization;
using System.Text.RegularExpressions;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Onboarding;

/// <summary>One field of an onboarding form that cannot be sent, named as in the API's body, and why.</summary>
public sealed record OnboardingFieldError(string Field, string Message);

/// <summary>
/// An onboarding as a person types it (the API's body, the CLI's options, the console's form): text only, checked
/// here and nowhere else against what management-v1.yaml's <c>ProductOrderRequest</c> accepts, and stricter where the
/// spec would let nonsense through (control characters, which its <c>\s</c> matches; very long free text). The spec
/// has no contact fields: nothing personal is asked for or stored.
/// </summary>
public sealed partial record OnboardingForm
{
    /// <summary>The longest URL and free text accepted (the spec sets none; a table cell holds 32 K characters).</summary>
    public const int MaxUrlLength = 300;

    public const int MaxPurposeLength = 1000;

    /// <summary>The product type names as the spec writes them.</summary>
    public static readonly IReadOnlyList<string> ProductTypes = ["VIPPS_PA_NETT", "VIPPS_LOGG_INN", "VIPPS_CHECKOUT", "VIPPS_I_KASSA"];

    public string? OrganizationNumber { get; init; }

    public string? SalesUnitName { get; init; }

    public string? ProductType { get; init; }

    public string? ProductUseCase { get; init; }

    public string? Website { get; init; }

    public string? TermsUrl { get; init; }

    public string? TestWebsiteUrl { get; init; }

    public string? AnnualTurnover { get; init; }

    public string? IntendedPurpose { get; init; }

    public string? PricePackageId { get; init; }

    /// <summary>The product order to send, or the first field that cannot be sent.</summary>
    public (ProductOrderRequest? Request, OnboardingFieldError? Error) Parse()
    {
        var org = Trimmed(OrganizationNumber);
        if (org is null || !NineDigits().IsMatch(org))
        {
            return Fail("organizationNumber", $"organizationNumber is the merchant's Norwegian organisation number, nine digits; got {Shown(org)}.");
        }

        var product = ProductTypes.FirstOrDefault(p => string.Equals(p, Trimmed(ProductType), StringComparison.OrdinalIgnoreCase));
        if (product is null)
        {
            return Fail("productType", $"productType is one of {string.Join(", ", ProductTypes)}; got {Shown(ProductType)}.");
        }

        var name = Trimmed(SalesUnitName);
        if (name is not null && CheckName(name) is { } nameError)
        {
            return Fail("salesUnitName", nameError);
        }

        ProductUseCase? useCase = null;
        if (Trimmed(ProductUseCase) is { } uc)
        {
            useCase = uc.ToUpperInvariant() switch
            {
                "WEBSITE" => Vipps.Management.ProductUseCase.Website,
                "WEBSITEWITHTEST" => Vipps.Management.ProductUseCase.WebsiteWithTest,
                "APP" => Vipps.Management.ProductUseCase.App,
                "UNKNOWN" => Vipps.Management.ProductUseCase.Other,
                _ => null,
            };
            if (useCase is null)
            {
                return Fail("productUseCase", $"productUseCase is Website, WebsiteWithTest, App or Unknown; got {Shown(uc)}.");
            }
        }

        var (site, siteError) = ParseWebsite();
        if (siteError is not null)
        {
            return (null, siteError);
        }

        long? turnover = null;
        if (Trimmed(AnnualTurnover) is { } t)
        {
            if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 999_999_999)
            {
                return Fail("annualTurnover", $"annualTurnover is whole NOK from 0 to 999999999; got {Shown(t)}.");
            }

            turnover = value;
        }

        var purpose = Trimmed(IntendedPurpose);
        if (purpose is not null && (purpose.Length > MaxPurposeLength || purpose.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
        {
            return Fail("intendedPurpose", $"intendedPurpose is at most {MaxPurposeLength} characters of text (line breaks allowed, no other control characters); got {purpose.Length}.");
        }

        Guid? package = null;
        if (Trimmed(PricePackageId) is { } p)
        {
            if (!Guid.TryParseExact(p, "D", out var id))
            {
                return Fail("pricePackageId", $"pricePackageId is a UUID such as 8a11afb7-c223-48ed-8ca6-4722b97261aa; got {Shown(p)}.");
            }

            package = id;
        }

        return (new ProductOrderRequest
        {
            BusinessIdentifier = BusinessIdentifier.NorwegianOrganization(org),
            ProductType = product switch
            {
                "VIPPS_PA_NETT" => Vipps.Management.ProductType.VippsPaNett,
                "VIPPS_LOGG_INN" => Vipps.Management.ProductType.VippsLoggInn,
                "VIPPS_CHECKOUT" => Vipps.Management.ProductType.VippsCheckout,
                _ => Vipps.Management.ProductType.VippsIKassa,
            },
            SalesUnitName = name,
            ProductUseCase = useCase,
            Website = site,
            AnnualTurnover = turnover,
            IntendedPurpose = purpose,
            PricePackageId = package,
        }, null);
    }

    private (ProductOrderWebsite? Site, OnboardingFieldError? Error) ParseWebsite()
    {
        var (url, terms, test) = (Trimmed(Website), Trimmed(TermsUrl), Trimmed(TestWebsiteUrl));
        if (url is null && terms is null && test is null)
        {
            return (null, null);
        }

        if (url is null)
        {
            return (null, new OnboardingFieldError("website", "website is required with termsUrl or testWebsiteUrl: the merchant's https:// address."));
        }

        if (terms is null)
        {
            return (null, new OnboardingFieldError("termsUrl", "termsUrl is required with website: the https:// address of the merchant's sales terms."));
        }

        foreach (var (field, value) in new[] { ("website", url), ("termsUrl", terms), ("testWebsiteUrl", test) })
        {
            if (value is not null && (value.Length > MaxUrlLength || value.Any(char.IsControl) || !HttpsUrl().IsMatch(value)))
            {
                return (null, new OnboardingFieldError(field,
                    $"{field} must be an https:// address with a lower-case host name such as https://kafe.example.no, at most {MaxUrlLength} characters; got {Shown(value)}."));
            }
        }

        return (new ProductOrderWebsite(new Uri(url), new Uri(terms), test is null ? null : new Uri(test)), null);
    }

    private static string? CheckName(string name)
    {
        if (name.Any(char.IsControl))
        {
            return "salesUnitName must not contain control characters (line breaks, tabs).";
        }

        if (name.Length > 30)
        {
            return $"salesUnitName is at most 30 characters (Vipps's limit); got {name.Length}.";
        }

        return SalesUnitNamePattern().IsMatch(name)
            ? null
            : $"salesUnitName may hold letters, digits, spaces and ( ) - _ + . only (Vipps's rule; an apostrophe is refused); got {Shown(name)}.";
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A value echoed in a refusal: quoted, cut at 40 characters, control characters shown as '?'.</summary>
    private static string Shown(string? value)
    {
        if (value is null)
        {
            return "nothing";
        }

        var safe = new string([.. value.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
        return value.Length > 40 ? $"'{safe}…' ({value.Length} characters)" : $"'{safe}'";
    }

    private static (ProductOrderRequest?, OnboardingFieldError?) Fail(string field, string message) => (null, new OnboardingFieldError(field, message));

    [GeneratedRegex("^[0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex NineDigits();

    // management-v1.yaml's own patterns; its "\)-_" is a range from ')' to '_', kept as written.
    [GeneratedRegex(@"^[\p{L}\p{M}\d\\(\)-_\+\s\.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SalesUnitNamePattern();

    [GeneratedRegex(@"^(https:\/\/)[a-z0-9]+([\-\.]{1}[a-z0-9]+)*\.[a-z]{2,5}(:[0-9]{1,5})?(\/.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HttpsUrl();
}
