namespace PaymentOrchestrator.VippsSimulator.Userinfo;

/// <summary>Scope values (ePayment <c>profile.scope</c>, Recurring <c>scope</c>) and the Userinfo claims each one shares.</summary>
internal static class ProfileScopes
{
    /// <summary>The scope values Vipps documents (<c>openid</c> is implied; <c>nin</c> only for merchants granted it).</summary>
    public static readonly IReadOnlyList<string> Known = ["openid", "name", "email", "phoneNumber", "address", "birthDate", "nin"];

    /// <summary>The known values of a space-separated scope, in order, without repeats.</summary>
    public static IReadOnlyList<string> Parse(string? scope) =>
        (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(Known.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>What the consent screen lists: the values other than <c>openid</c>.</summary>
    public static IReadOnlyList<string> Shown(string? scope) => Parse(scope).Where(s => s != "openid").ToList();

    /// <summary>The Userinfo body for <paramref name="scopes"/>: <c>sub</c> always, then each scope's claims.</summary>
    public static Dictionary<string, object> Claims(string sub, IReadOnlySet<string> scopes, SimulatorTestPerson person)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["sub"] = sub };
        if (scopes.Contains("name"))
        {
            claims["name"] = person.GivenName + " " + person.FamilyName;
            claims["given_name"] = person.GivenName;
            claims["family_name"] = person.FamilyName;
        }

        if (scopes.Contains("email"))
        {
            claims["email"] = person.Email;
            claims["email_verified"] = person.EmailVerified;
        }

        if (scopes.Contains("phoneNumber"))
        {
            claims["phone_number"] = person.PhoneNumber;
        }

        if (scopes.Contains("birthDate"))
        {
            claims["birthdate"] = person.Birthdate;
        }

        if (scopes.Contains("address"))
        {
            claims["address"] = Address(person.Address, isDefault: true);
            claims["other_addresses"] = person.EffectiveOtherAddresses.Select(a => Address(a, isDefault: false)).ToList();
        }

        if (scopes.Contains("nin"))
        {
            claims["nin"] = person.Nin;
        }

        foreach (var (name, value) in person.ExtraClaims)
        {
            claims.TryAdd(name, value);
        }

        return claims;
    }

    private static Dictionary<string, object> Address(SimulatorTestAddress address, bool isDefault) => new(StringComparer.Ordinal)
    {
        ["address_type"] = address.AddressType,
        ["street_address"] = address.StreetAddress,
        ["postal_code"] = address.PostalCode,
        ["region"] = address.Region,
        ["country"] = address.Country,
        ["formatted"] = address.StreetAddress + "\n" + address.PostalCode + " " + address.Region,
        ["default"] = isDefault,
    };
}
