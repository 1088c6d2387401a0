using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Values;

/// <summary>
/// The customer details a webshop asks Vipps for with a payment (ePayment <c>profile.scope</c>) or an agreement
/// (Recurring <c>scope</c>): some of <see cref="Claims"/>, held in that order, space-separated, e.g. <c>name address</c>.
/// <c>openid</c> is implied and never listed. The scope names what is asked for, never a customer's details.
/// </summary>
[JsonConverter(typeof(StringValueJsonConverter<ProfileScope>))]
public readonly record struct ProfileScope : IStringValue<ProfileScope>
{
    /// <summary>Every claim a webshop may ask for, in the order a scope holds them.</summary>
    public static readonly IReadOnlyList<string> Claims = ["name", "email", "phoneNumber", "address", "birthDate"];

    private ProfileScope(string value) => _value = value;

    private readonly string? _value;

    /// <summary>The claims, space-separated, as Vipps takes them.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether <paramref name="claim"/> is one a webshop may ask for (ordinal: Vipps' names are case-sensitive).</summary>
    public static bool IsClaim(string claim) => Claims.Contains(claim, StringComparer.Ordinal);

    /// <summary>The scope of these claims: at least one, each known, none twice.</summary>
    public static Validated<ProfileScope> FromClaims(IReadOnlyCollection<string> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Count == 0)
        {
            return Validated<ProfileScope>.Fail("a profile scope asks for at least one claim.");
        }

        if (claims.FirstOrDefault(c => !IsClaim(c)) is { } unknown)
        {
            return Validated<ProfileScope>.Fail($"'{unknown}' is not a claim a webshop may ask for (allowed: {string.Join(", ", Claims)}).");
        }

        if (claims.Distinct(StringComparer.Ordinal).Count() != claims.Count)
        {
            return Validated<ProfileScope>.Fail("a profile scope names each claim once.");
        }

        return Validated<ProfileScope>.Ok(new ProfileScope(string.Join(' ', Claims.Where(claims.Contains))));
    }

    public static Validated<ProfileScope> Create(string? value) =>
        value is null ? Validated<ProfileScope>.Fail("a profile scope is required.") : FromClaims(value.Split(' '));

    public override string ToString() => Value;
}
