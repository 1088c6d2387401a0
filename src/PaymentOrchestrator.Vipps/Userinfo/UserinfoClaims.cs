using System.Text;
using System.Text.Json;

namespace PaymentOrchestrator.Vipps.Userinfo;

/// <summary>
/// The claims Vipps returned for one customer at one sales unit (<c>Userinfo</c> in userinfo-v2.yaml): only those the
/// customer consented to share, so every one but <see cref="Sub"/> may be missing. Claims the spec does not list (or
/// listed ones of an unexpected type) are kept in <see cref="OtherClaims"/>, never a failure. Personal data: the text
/// form (<c>ToString()</c>, and so every record holding it) shows claim names only, never a value.
/// </summary>
public sealed record UserinfoClaims
{
    /// <summary>The customer's id at this sales unit: another sales unit gets another <c>sub</c> for the same person.</summary>
    public required string Sub { get; init; }

    /// <summary>Full name (scope <c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Given name(s) (scope <c>name</c>).</summary>
    public string? GivenName { get; init; }

    /// <summary>Family name(s) (scope <c>name</c>).</summary>
    public string? FamilyName { get; init; }

    /// <summary>E-mail address (scope <c>email</c>).</summary>
    public string? Email { get; init; }

    /// <summary>Whether Vipps has verified <see cref="Email"/>.</summary>
    public bool? EmailVerified { get; init; }

    /// <summary>Phone number as MSISDN, digits only (scope <c>phoneNumber</c>).</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>Birth date as Vipps sent it, <c>YYYY-MM-DD</c> (scope <c>birthDate</c>).</summary>
    public string? Birthdate { get; init; }

    /// <summary>The default address (scope <c>address</c>).</summary>
    public UserinfoAddress? Address { get; init; }

    /// <summary>The customer's other addresses (scope <c>address</c>).</summary>
    public IReadOnlyList<UserinfoAddress> OtherAddresses { get; init; } = [];

    /// <summary>National identity number (scope <c>nin</c>, only for merchants granted it).</summary>
    public string? Nin { get; init; }

    /// <summary>Every other claim, as sent (unknown to this client, or of an unexpected type).</summary>
    public IReadOnlyDictionary<string, JsonElement> OtherClaims { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The names (wire names) of the claims present besides <c>sub</c>, e.g. for a timeline that must not hold values.</summary>
    public IReadOnlyList<string> ClaimNames
    {
        get
        {
            var names = new List<string>();
            void Add(string name, bool present)
            {
                if (present)
                {
                    names.Add(name);
                }
            }

            Add("name", Name is not null);
            Add("given_name", GivenName is not null);
            Add("family_name", FamilyName is not null);
            Add("email", Email is not null);
            Add("email_verified", EmailVerified is not null);
            Add("phone_number", PhoneNumber is not null);
            Add("birthdate", Birthdate is not null);
            Add("address", Address is not null);
            Add("other_addresses", OtherAddresses.Count > 0);
            Add("nin", Nin is not null);
            names.AddRange(OtherClaims.Keys.Order(StringComparer.Ordinal));
            return names;
        }
    }

    // The record's ToString prints this instead of its members: claim names only, never a value (not even the sub).
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("claims: ").AppendJoin(", ", ClaimNames);
        return true;
    }
}
