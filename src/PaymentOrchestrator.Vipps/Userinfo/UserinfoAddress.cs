using System.Text;

namespace PaymentOrchestrator.Vipps.Userinfo;

/// <summary>
/// One address of the customer (<c>UserinfoAddress</c> in userinfo-v2.yaml), every field as Vipps sent it. Personal
/// data: its text form (<c>ToString()</c>) shows no value.
/// </summary>
public sealed record UserinfoAddress
{
    /// <summary><c>home</c>, <c>work</c> or <c>other</c>.</summary>
    public string? AddressType { get; init; }

    /// <summary>The street address.</summary>
    public string? StreetAddress { get; init; }

    /// <summary>The postal code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>The region (county, town or city).</summary>
    public string? Region { get; init; }

    /// <summary>Two-letter country code.</summary>
    public string? Country { get; init; }

    /// <summary>The address as one formatted text.</summary>
    public string? Formatted { get; init; }

    /// <summary>True when this is the customer's default address.</summary>
    public bool? Default { get; init; }

    // The record's ToString prints this instead of its members: no value of an address ever.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("(personal data, not shown)");
        return true;
    }
}
