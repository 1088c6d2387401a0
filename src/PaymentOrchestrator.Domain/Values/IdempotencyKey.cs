using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PaymentOrchestrator.Domain.Values;

/// <summary>
/// The Idempotency-Key sent to Vipps: 1 to 40 characters of [A-Za-z0-9-], which fits both ePayment (≤ 50) and
/// Recurring (≤ 40, no # ? / \). Keys are derived, never random, so a retry or a replay after a crash sends the
/// same key and Vipps answers with the original result.
/// </summary>
[JsonConverter(typeof(StringValueJsonConverter<IdempotencyKey>))]
public readonly partial record struct IdempotencyKey : IStringValue<IdempotencyKey>
{
    public const int MaxLength = 40;

    private readonly string? _value;

    private IdempotencyKey(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    public static Validated<IdempotencyKey> Create(string? value) =>
        value is not null && Pattern().IsMatch(value)
            ? Validated<IdempotencyKey>.Ok(new IdempotencyKey(value))
            : Validated<IdempotencyKey>.Fail(
                $"idempotency key must be 1 to {MaxLength} characters of [A-Za-z0-9-], got '{value}'.");

    /// <summary>
    /// <c>{operation}-{sequence}-{hex of SHA-256(kind|msn|id)}</c>, the hash cut to fill 40 characters (at least 16 hex
    /// digits remain). Same inputs give the same key in every process; different sagas or operations differ.
    /// </summary>
    /// <param name="operation">1 to 12 lower-case letters, e.g. <c>capture</c>.</param>
    /// <param name="sequence">The n-th operation of this kind in the saga (0 or more).</param>
    public static IdempotencyKey Derive(string operation, int sequence, SagaKey sagaKey)
    {
        if (operation is null || !OperationPattern().IsMatch(operation))
        {
            throw new ArgumentException("operation must be 1 to 12 lower-case letters.", nameof(operation));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var prefix = $"{operation}-{sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)}-";
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{sagaKey.Kind}|{sagaKey.Msn.Value}|{sagaKey.Id}"));
        var hex = Convert.ToHexStringLower(digest);
        return new IdempotencyKey(prefix + hex[..(MaxLength - prefix.Length)]);
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex("^[a-z]{1,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex OperationPattern();
}
