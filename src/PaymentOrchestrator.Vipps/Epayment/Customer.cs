namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>The customer, when known: exactly one of phone number, personal QR or customer token.</summary>
public sealed record Customer
{
    /// <summary>MSISDN, digits only with country code, e.g. <c>4791234567</c>.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>The full content of the user's personal QR code.</summary>
    public string? PersonalQr { get; init; }

    /// <summary>A customer token from a <c>user.checked-in.v1</c> event.</summary>
    public string? CustomerToken { get; init; }

    /// <summary>A customer given by phone number (MSISDN).</summary>
    public static Customer FromPhoneNumber(string phoneNumber) => new() { PhoneNumber = phoneNumber };

    /// <summary>A customer given by personal QR content.</summary>
    public static Customer FromPersonalQr(string personalQr) => new() { PersonalQr = personalQr };

    /// <summary>A customer given by token.</summary>
    public static Customer FromToken(string customerToken) => new() { CustomerToken = customerToken };

    internal int GivenCount => (PhoneNumber is null ? 0 : 1) + (PersonalQr is null ? 0 : 1) + (CustomerToken is null ? 0 : 1);
}
