using System.Text.RegularExpressions;

namespace PaymentOrchestrator.Vipps.Management;

/// <summary>
/// A merchant's business registration (management-v1.yaml <c>businessIdentifier</c>): a scheme such as
/// <c>business:NO:ORG</c> and the number. Only Norwegian organisation numbers are accepted by Vipps for now.
/// </summary>
/// <param name="Scheme">The scheme, e.g. <c>business:NO:ORG</c>.</param>
/// <param name="Id">The number in that scheme, e.g. a nine-digit organisation number.</param>
public sealed partial record BusinessIdentifier(string Scheme, string Id)
{
    /// <summary>The scheme of Norwegian organisation numbers.</summary>
    public const string NorwegianOrganizationScheme = "business:NO:ORG";

    /// <summary>A Norwegian organisation number (nine digits); throws <see cref="ArgumentException"/> otherwise.</summary>
    public static BusinessIdentifier NorwegianOrganization(string organizationNumber) =>
        organizationNumber is not null && NineDigits().IsMatch(organizationNumber)
            ? new BusinessIdentifier(NorwegianOrganizationScheme, organizationNumber)
            : throw new ArgumentException($"A Norwegian organisation number is nine digits; got '{organizationNumber}'.", nameof(organizationNumber));

    /// <inheritdoc />
    public override string ToString() => $"{Scheme}/{Id}";

    [GeneratedRegex("^[0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex NineDigits();
}
