using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps;

/// <summary>
/// The merchant serial number (MSN) of a sales unit: 4 to 6 digits (<c>^[0-9]{4,6}$</c>). Sent in the
/// <c>Merchant-Serial-Number</c> header on every call; with partner keys it names the merchant acted for.
/// </summary>
[JsonConverter(typeof(MerchantSerialNumberJsonConverter))]
public readonly partial record struct MerchantSerialNumber
{
    private readonly string? _value;

    private MerchantSerialNumber(string value) => _value = value;

    /// <summary>The MSN as sent on the wire.</summary>
    public string Value => _value ?? throw new InvalidOperationException("This MerchantSerialNumber is the default value; create one with MerchantSerialNumber.Create.");

    /// <summary>Validates <paramref name="value"/>; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static MerchantSerialNumber Create(string value) =>
        TryCreate(value, out var msn) ? msn : throw new ArgumentException($"A merchant serial number is 4 to 6 digits; got '{value}'.", nameof(value));

    /// <summary>Validates <paramref name="value"/> without throwing.</summary>
    public static bool TryCreate([NotNullWhen(true)] string? value, out MerchantSerialNumber msn)
    {
        msn = default;
        if (value is null || !Pattern().IsMatch(value))
        {
            return false;
        }

        msn = new MerchantSerialNumber(value);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => _value ?? string.Empty;

    [GeneratedRegex("^[0-9]{4,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
