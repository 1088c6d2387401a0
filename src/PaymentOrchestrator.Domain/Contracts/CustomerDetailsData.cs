using System.Text;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>
/// The <c>customer</c> part of a <c>payment.customer-details.v1</c> / <c>agreement.customer-details.v1</c> outcome:
/// what became of the read (<see cref="Result"/>), the claims it returned, and — only when shared — their values.
/// Personal data: it travels in that one outcome event and is never saved; its text form shows claim names only.
/// </summary>
public sealed record CustomerDetailsData
{
    /// <summary>The read gave the details.</summary>
    public const string Shared = "shared";

    /// <summary>Vipps has no details for the customer at this sales unit (consent expired or withdrawn, unknown sub).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Vipps refused the read, or it kept failing: the outcome's <c>reason</c> and <c>problem</c> say why.</summary>
    public const string Failed = "failed";

    /// <summary><see cref="Shared"/>, <see cref="Unavailable"/> or <see cref="Failed"/>.</summary>
    public required string Result { get; init; }

    /// <summary>The claims returned, by their scope names (<c>name</c>, <c>email</c>, <c>phoneNumber</c>, <c>address</c>, <c>birthDate</c>).</summary>
    public IReadOnlyList<string> Claims { get; init; } = [];

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? Email { get; init; }

    public bool? EmailVerified { get; init; }

    public string? PhoneNumber { get; init; }

    public CustomerAddressData? Address { get; init; }

    /// <summary><c>YYYY-MM-DD</c>.</summary>
    public string? BirthDate { get; init; }

    /// <summary>A read that gave nothing to share, with no values: what the saga may save and the timeline may show.</summary>
    public static CustomerDetailsData Without(string result) => new() { Result = result };

    // The record's ToString prints this instead of its members: no value ever reaches a log or an exception message.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("result = ").Append(Result).Append(", claims: ").AppendJoin(", ", Claims);
        return true;
    }
}

/// <summary>The customer's address as shared (Userinfo <c>address</c>). Personal data: its text form shows no value.</summary>
public sealed record CustomerAddressData
{
    public string? StreetAddress { get; init; }

    public string? PostalCode { get; init; }

    public string? Region { get; init; }

    /// <summary>Two-letter country code.</summary>
    public string? Country { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("personal data, not shown");
        return true;
    }
}
