namespace PaymentOrchestrator.VippsSimulator.Userinfo;

/// <summary>
/// The simulated customer whose details the Userinfo API returns (<see cref="SimulatorOptions.TestPerson"/>, section
/// <c>Simulator:TestPerson</c>). Fictitious by default. Only the claims of the scope the customer consented to are
/// returned; <see cref="Nin"/> also seeds the customer's <c>sub</c> at each sales unit.
/// </summary>
public sealed class SimulatorTestPerson
{
    /// <summary>National identity number (11 digits): returned for scope <c>nin</c>; the <c>sub</c>s derive from it.</summary>
    public string Nin { get; set; } = "01017012345";

    /// <summary>Given name (scope <c>name</c>).</summary>
    public string GivenName { get; set; } = "Kari";

    /// <summary>Family name (scope <c>name</c>).</summary>
    public string FamilyName { get; set; } = "Nordmann";

    /// <summary>E-mail address (scope <c>email</c>).</summary>
    public string Email { get; set; } = "kari.nordmann@example.com";

    /// <summary>Whether the e-mail address is verified (scope <c>email</c>).</summary>
    public bool EmailVerified { get; set; } = true;

    /// <summary>Phone number as MSISDN, digits only (scope <c>phoneNumber</c>).</summary>
    public string PhoneNumber { get; set; } = "4791234567";

    /// <summary>Birth date, YYYY-MM-DD (scope <c>birthDate</c>).</summary>
    public string Birthdate { get; set; } = "1970-01-01";

    /// <summary>The default address (scope <c>address</c>).</summary>
    public SimulatorTestAddress Address { get; set; } = new() { StreetAddress = "Robert Levins gate 5", PostalCode = "0154", Region = "Oslo" };

    /// <summary>
    /// Other addresses (scope <c>address</c>). Null (the default) means one work address; null rather than a filled list
    /// because the configuration binder adds configured items to a list's existing ones instead of replacing them.
    /// </summary>
    public List<SimulatorTestAddress>? OtherAddresses { get; set; }

    internal IReadOnlyList<SimulatorTestAddress> EffectiveOtherAddresses =>
        OtherAddresses ?? [new() { AddressType = "work", StreetAddress = "Karl Johans gate 1", PostalCode = "0159", Region = "Oslo" }];

    /// <summary>
    /// Claims the spec does not list, returned with every answer (e.g. <c>{"preferred_language":"nb"}</c>): to test
    /// that a client tolerates them.
    /// </summary>
    public Dictionary<string, string> ExtraClaims { get; set; } = [];
}
