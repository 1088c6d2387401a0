using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Vipps.Http;

/// <summary>
/// Reads an enum from its Vipps wire name (<see cref="JsonStringEnumMemberNameAttribute"/>, case-insensitive) and maps
/// any name it does not know to the member with value 0 (<c>Unknown</c>), because Vipps adds states without notice.
/// Writing <c>Unknown</c> is refused: the client never sends a value it cannot name.
/// </summary>
internal sealed class TolerantEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName = BuildByName();
    private static readonly FrozenDictionary<TEnum, string> ByValue = ByName
        .GroupBy(p => p.Value)
        .ToFrozenDictionary(g => g.Key, g => g.First().Key);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(TEnum).Name}, got {reader.TokenType}.");
        }

        var text = reader.GetString();
        return text is not null && ByName.TryGetValue(text, out var value) ? value : default;
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!ByValue.TryGetValue(value, out var name))
        {
            throw new JsonException($"{typeof(TEnum).Name}.{value} has no Vipps wire name and cannot be sent.");
        }

        writer.WriteStringValue(name);
    }

    /// <summary>The wire name of <paramref name="value"/>, or null for Unknown.</summary>
    public static string? WireName(TEnum value) => ByValue.GetValueOrDefault(value);

    private static FrozenDictionary<string, TEnum> BuildByName()
    {
        var map = new Dictionary<string, TEnum>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name;
            if (name is not null)
            {
                map[name] = (TEnum)field.GetValue(null)!;
            }
        }

        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
