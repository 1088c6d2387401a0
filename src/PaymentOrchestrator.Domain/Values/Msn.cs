using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PaymentOrchestrator.Domain.Values;

/// <summary>Merchant serial number: the sales unit a partner acts for (`^[0-9]{4,6}$`).</summary>
[JsonConverter(typeof(StringValueJsonConverter<Msn>))]
public readonly partial record struct Msn : IStringValue<Msn>
{
    private Msn(string value) => _value = value;

    private readonly string? _value;

    public string Value => _value ?? string.Empty;

    public static Validated<Msn> Create(string? value) =>
        value is not null && Pattern().IsMatch(value)
            ? Validated<Msn>.Ok(new Msn(value))
            : Validated<Msn>.Fail($"MSN must be 4 to 6 digits (^[0-9]{{4,6}}$), got '{value}'.");

    public override string ToString() => Value;

    [GeneratedRegex("^[0-9]{4,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
