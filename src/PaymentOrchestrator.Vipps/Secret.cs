using System.Text.Json.Serialization;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps;

/// <summary>
/// A secret string (client secret, subscription key, access token, webhook secret). <see cref="ToString"/> never
/// shows the value, so records and log templates that include a <see cref="Secret"/> print <c>***</c>; read the value
/// only where it is sent or stored, with <see cref="Reveal"/>. Serializing one to JSON throws: persist it deliberately.
/// </summary>
[JsonConverter(typeof(SecretJsonConverter))]
public sealed class Secret : IEquatable<Secret>
{
    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>True when the secret is the empty string.</summary>
    public bool IsEmpty => _value.Length == 0;

    /// <summary>The secret value. Never log it or put it in an exception message.</summary>
    public string Reveal() => _value;

    /// <summary>Always <c>***</c>.</summary>
    public override string ToString() => "***";

    /// <inheritdoc />
    public bool Equals(Secret? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Secret);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);
}
