using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PaymentOrchestrator.Domain.Values;

/// <summary>A recurring charge's id: the webshop's orderId, which Vipps uses as chargeId (`^[a-zA-Z0-9-]{1,50}$`).</summary>
[JsonConverter(typeof(StringValueJsonConverter<ChargeId>))]
public readonly partial record struct ChargeId : IStringValue<ChargeId>
{
    private ChargeId(string value) => _value = value;

    private readonly string? _value;

    public string Value => _value ?? string.Empty;

    public static Validated<ChargeId> Create(string? value) =>
        value is not null && Pattern().IsMatch(value)
            ? Validated<ChargeId>.Ok(new ChargeId(value))
            : Validated<ChargeId>.Fail(
                $"chargeId must be 1 to 50 characters of [a-zA-Z0-9-] (^[a-zA-Z0-9-]{{1,50}}$), got '{value}'.");

    public override string ToString() => Value;

    [GeneratedRegex("^[a-zA-Z0-9-]{1,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
