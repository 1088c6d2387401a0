using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Values;

/// <summary>Writes a string value type as a JSON string and validates it again when read.</summary>
public sealed class StringValueJsonConverter<T> : JsonConverter<T> where T : struct, IStringValue<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{typeof(T).Name} must be a JSON string.");
        }

        var created = T.Create(reader.GetString());
        return created.IsValid ? created.Value : throw new JsonException(created.Error);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
