using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PaymentOrchestrator.Domain.Values;

/// <summary>The ePayment reference: unique per MSN, case-sensitive, `^[a-zA-Z0-9-]{8,50}$`.</summary>
[JsonConverter(typeof(StringValueJsonConverter<PaymentReference>))]
public readonly partial record struct PaymentReference : IStringValue<PaymentReference>
{
    private PaymentReference(string value) => _value = value;

    private readonly string? _value;

    public string Value => _value ?? string.Empty;

    public static Validated<PaymentReference> Create(string? value) =>
        value is not null && Pattern().IsMatch(value)
            ? Validated<PaymentReference>.Ok(new PaymentReference(value))
            : Validated<PaymentReference>.Fail(
                $"reference must be 8 to 50 characters of [a-zA-Z0-9-] (^[a-zA-Z0-9-]{{8,50}}$), got '{value}'.");

    public override string ToString() => Value;

    [GeneratedRegex("^[a-zA-Z0-9-]{8,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
