using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps;

/// <summary>
/// The <c>Idempotency-Key</c> header of a Vipps call: 1 to 40 characters of <c>[A-Za-z0-9-]</c>, which fits both
/// ePayment (at most 50) and Recurring (1–40, no <c># ? / \</c>). The caller derives it from its own operation id and
/// reuses it on every retry; this client never invents one.
/// </summary>
[JsonConverter(typeof(IdempotencyKeyJsonConverter))]
public readonly partial record struct IdempotencyKey
{
    /// <summary>The longest key accepted (Recurring's limit).</summary>
    public const int MaxLength = 40;

    private readonly string? _value;

    private IdempotencyKey(string value) => _value = value;

    /// <summary>The key as sent on the wire.</summary>
    public string Value => _value ?? throw new InvalidOperationException("This IdempotencyKey is the default value; create one with IdempotencyKey.Create.");

    /// <summary>Validates <paramref name="value"/>; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static IdempotencyKey Create(string value) =>
        TryCreate(value, out var key, out var error) ? key : throw new ArgumentException(error, nameof(value));

    /// <summary>Validates <paramref name="value"/> without throwing.</summary>
    public static bool TryCreate([NotNullWhen(true)] string? value, out IdempotencyKey key, [NotNullWhen(false)] out string? error)
    {
        key = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "An idempotency key must not be empty: derive it from your own operation id, e.g. '{paymentId}-cap-1'.";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"An idempotency key is at most {MaxLength} characters (Recurring's limit); got {value.Length}.";
            return false;
        }

        if (!Pattern().IsMatch(value))
        {
            error = "An idempotency key may only contain A-Z, a-z, 0-9 and '-'.";
            return false;
        }

        key = new IdempotencyKey(value);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => _value ?? string.Empty;

    [GeneratedRegex("^[A-Za-z0-9-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
