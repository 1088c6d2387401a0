using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Vipps.Http;

internal sealed class IdempotencyKeyJsonConverter : JsonConverter<IdempotencyKey>
{
    public override IdempotencyKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IdempotencyKey.TryCreate(reader.GetString(), out var key, out var error) ? key : throw new JsonException(error);

    public override void Write(Utf8JsonWriter writer, IdempotencyKey value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}

internal sealed class MerchantSerialNumberJsonConverter : JsonConverter<MerchantSerialNumber>
{
    public override MerchantSerialNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Webhook payloads and some responses carry the MSN as a number.
        var text = reader.TokenType == JsonTokenType.Number
            ? reader.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : reader.GetString();
        return MerchantSerialNumber.TryCreate(text, out var msn) ? msn : throw new JsonException($"'{text}' is not a merchant serial number (4 to 6 digits).");
    }

    public override void Write(Utf8JsonWriter writer, MerchantSerialNumber value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}

internal sealed class SecretJsonConverter : JsonConverter<Secret>
{
    public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A secret must be a string."));

    public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
        throw new JsonException("Secrets are never serialized implicitly; call Secret.Reveal() where the value must be stored.");
}
