using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PaymentOrchestrator.Domain.Values;

/// <summary>The webshop's own id for a subscription; keys the agreement saga (`^[a-zA-Z0-9-]{1,50}$`).</summary>
[JsonConverter(typeof(StringValueJsonConverter<SubscriptionId>))]
public readonly partial record struct SubscriptionId : IStringValue<SubscriptionId>
{
    private SubscriptionId(string value) => _value = value;

    private readonly string? _value;

    public string Value => _value ?? string.Empty;

    public static Validated<SubscriptionId> Create(string? value) =>
        value is not null && Pattern().IsMatch(value)
            ? Validated<SubscriptionId>.Ok(new SubscriptionId(value))
            : Validated<SubscriptionId>.Fail(
                $"subscriptionId must be 1 to 50 characters of [a-zA-Z0-9-] (^[a-zA-Z0-9-]{{1,50}}$), got '{value}'.");

    public override string ToString() => Value;

    [GeneratedRegex("^[a-zA-Z0-9-]{1,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
