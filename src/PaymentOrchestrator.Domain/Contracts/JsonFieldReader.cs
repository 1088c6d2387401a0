using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>
/// Reads typed fields from a JSON object and keeps the first problem with its JSON path. Once a problem is found the
/// rest of the reads return defaults, so parsing code reads straight through and checks <see cref="Error"/> once.
/// </summary>
internal sealed class JsonFieldReader
{
    public Rejected? Error { get; private set; }

    public bool Failed => Error is not null;

    public void Fail(RejectionCode code, string message) => Error ??= new Rejected(code, message);

    /// <summary>Refuses properties the type does not define.</summary>
    public void OnlyKnown(JsonElement obj, string path, params string[] known)
    {
        if (Failed)
        {
            return;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                Fail(RejectionCode.UnknownField, $"{path}.{property.Name} is not a field of this event type (allowed: {string.Join(", ", known)}).");
                return;
            }
        }
    }

    public bool TryGet(JsonElement obj, string path, string name, bool required, out JsonElement value)
    {
        value = default;
        if (Failed)
        {
            return false;
        }

        if (!obj.TryGetProperty(name, out value))
        {
            if (required)
            {
                Fail(RejectionCode.MissingField, $"{path}.{name} is required.");
            }

            return false;
        }

        return true;
    }

    public JsonElement? Object(JsonElement obj, string path, string name, bool required)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(RejectionCode.NotAnObject, $"{path}.{name} must be an object, got {Describe(value)}.");
            return null;
        }

        return value;
    }

    /// <summary>
    /// A string field. <paramref name="personal"/>: the value is personal data (a phone number): a refusal names the rule
    /// it broke but never repeats the value, because refusals are logged, exported as telemetry and kept in dead letters.
    /// </summary>
    public string? String(JsonElement obj, string path, string name, bool required, int minLength, int maxLength, Regex? pattern = null, bool personal = false)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(RejectionCode.WrongType, $"{path}.{name} must be a string, got {(personal ? Kind(value) : Describe(value))}.");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length < minLength || text.Length > maxLength)
        {
            Fail(RejectionCode.InvalidValue, $"{path}.{name} must be {minLength} to {maxLength} characters long, got {text.Length}.");
            return null;
        }

        if (pattern is not null && !pattern.IsMatch(text))
        {
            Fail(RejectionCode.InvalidValue, personal
                ? $"{path}.{name} must match {pattern} (the value is not repeated here: it is personal data)."
                : $"{path}.{name} must match {pattern}, got '{Truncate(text)}'.");
            return null;
        }

        return text;
    }

    public long? Integer(JsonElement obj, string path, string name, bool required, long minimum, long maximum)
    {
        if (!TryGet(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Fail(RejectionCode.WrongType, $"{path}.{name} must be an integer, got {Describe(value)}.");
            return null;
        }

        if (number < minimum || number > maximum)
        {
            Fail(RejectionCode.InvalidValue, $"{path}.{name} must be {minimum} to {maximum}, got {number}.");
            return null;
        }

        return number;
    }

    public T? Enum<T>(JsonElement obj, string path, string name, bool required, params (string Wire, T Value)[] allowed)
        where T : struct
    {
        var text = String(obj, path, name, required, 1, 64);
        if (text is null)
        {
            return null;
        }

        foreach (var (wire, enumValue) in allowed)
        {
            if (string.Equals(wire, text, StringComparison.Ordinal))
            {
                return enumValue;
            }
        }

        Fail(RejectionCode.InvalidValue, $"{path}.{name} must be one of {string.Join(", ", allowed.Select(a => a.Wire))}, got '{Truncate(text)}'.");
        return null;
    }

    /// <summary><c>{"currency": "NOK", "value": 10000}</c> in minor units.</summary>
    public Money? Money(JsonElement obj, string path, string name, bool required, long minimum)
    {
        if (Object(obj, path, name, required) is not { } amount)
        {
            return null;
        }

        var amountPath = $"{path}.{name}";
        var currency = Enum(amount, amountPath, "currency", true, ("NOK", Currency.NOK), ("DKK", Currency.DKK), ("EUR", Currency.EUR));
        var value = Integer(amount, amountPath, "value", true, minimum, Values.Money.MaxMinorUnits);
        OnlyKnown(amount, amountPath, "currency", "value");
        return Failed || currency is null || value is null ? null : new Money(value.Value, currency.Value);
    }

    /// <summary>
    /// <c>["name", "address"]</c>: the customer details asked for. A claim that is not one of
    /// <see cref="Values.ProfileScope.Claims"/> is refused with <see cref="RejectionCode.UnknownProfileScope"/>.
    /// </summary>
    public ProfileScope? ProfileScope(JsonElement obj, string path, string name)
    {
        if (!TryGet(obj, path, name, false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(RejectionCode.WrongType, $"{path}.{name} must be an array of claims, got {Describe(value)}.");
            return null;
        }

        var claims = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Fail(RejectionCode.WrongType, $"{path}.{name} must hold strings, got {Describe(item)}.");
                return null;
            }

            var claim = item.GetString()!;
            if (!Values.ProfileScope.IsClaim(claim))
            {
                Fail(RejectionCode.UnknownProfileScope,
                    $"{path}.{name} asks for '{Truncate(claim)}', which is not a customer detail a webshop may ask for (allowed: {string.Join(", ", Values.ProfileScope.Claims)}; openid is implied).");
                return null;
            }

            claims.Add(claim);
        }

        var scope = Values.ProfileScope.FromClaims(claims);
        if (!scope.IsValid)
        {
            Fail(RejectionCode.InvalidValue, $"{path}.{name}: {scope.Error}");
            return null;
        }

        return scope.Value;
    }

    public DateOnly? Date(JsonElement obj, string path, string name, bool required, Regex pattern)
    {
        var text = String(obj, path, name, required, 10, 10, pattern);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(RejectionCode.InvalidValue, $"{path}.{name} must be a calendar date (YYYY-MM-DD), got '{text}'.");
            return null;
        }

        return date;
    }

    public T? Value<T>(string path, string name, string? raw, Func<string?, Validated<T>> create)
        where T : struct
    {
        if (Failed || raw is null)
        {
            return null;
        }

        var created = create(raw);
        if (!created.IsValid)
        {
            Fail(RejectionCode.InvalidValue, $"{path}.{name}: {created.Error}");
            return null;
        }

        return created.Value;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {Truncate(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString(),
    };

    /// <summary>What <see cref="Describe"/> says without any of the value: for personal data.</summary>
    private static string Kind(JsonElement value) => value.ValueKind == JsonValueKind.Number ? "a number" : Describe(value);

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
