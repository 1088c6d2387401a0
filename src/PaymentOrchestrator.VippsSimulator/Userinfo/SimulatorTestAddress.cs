namespace PaymentOrchestrator.VippsSimulator.Userinfo;

/// <summary>One address of <see cref="SimulatorTestPerson"/> (shape of userinfo-v2.yaml <c>UserinfoAddress</c>).</summary>
public sealed class SimulatorTestAddress
{
    /// <summary><c>home</c>, <c>work</c> or <c>other</c>.</summary>
    public string AddressType { get; set; } = "home";

    /// <summary>Street address.</summary>
    public string StreetAddress { get; set; } = "";

    /// <summary>Postal code.</summary>
    public string PostalCode { get; set; } = "";

    /// <summary>Region (town or city).</summary>
    public string Region { get; set; } = "";

    /// <summary>Two-letter country code.</summary>
    public string Country { get; set; } = "NO";
}
