using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// What lands on <c>&lt;queue&gt;-poison</c>: the reason (a stable code), a description for people, where it came from,
/// and the original message exactly as it was (UTF-8 text, or base64 when it was not text), so it can be replayed.
/// </summary>
public sealed record PoisonMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("queue")]
    public required string Queue { get; init; }

    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    [JsonPropertyName("dequeueCount")]
    public long DequeueCount { get; init; }

    [JsonPropertyName("insertedOn")]
    public DateTimeOffset? InsertedOn { get; init; }

    [JsonPropertyName("poisonedAt")]
    public DateTimeOffset PoisonedAt { get; init; }

    /// <summary><c>utf-8</c> or <c>base64</c>.</summary>
    [JsonPropertyName("originalEncoding")]
    public string OriginalEncoding { get; init; } = "utf-8";

    [JsonPropertyName("originalMessage")]
    public required string OriginalMessage { get; init; }

    /// <summary>Wraps <paramref name="original"/>, keeping its bytes: text when it is valid UTF-8, base64 otherwise.</summary>
    public static PoisonMessage Create(
        string queue, BinaryData original, string reason, string description, string? messageId, long dequeueCount,
        DateTimeOffset? insertedOn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        var bytes = original.ToArray();
        string text;
        var encoding = "utf-8";
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Convert.ToBase64String(bytes);
            encoding = "base64";
        }

        return new PoisonMessage
        {
            Reason = reason,
            Description = description,
            Queue = queue,
            MessageId = messageId,
            DequeueCount = dequeueCount,
            InsertedOn = insertedOn,
            PoisonedAt = now,
            OriginalEncoding = encoding,
            OriginalMessage = text,
        };
    }

    /// <summary>The original message's bytes.</summary>
    public BinaryData Original() =>
        OriginalEncoding == "base64" ? BinaryData.FromBytes(Convert.FromBase64String(OriginalMessage)) : BinaryData.FromString(OriginalMessage);

    public BinaryData ToBinary() => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Null when the body is not a poison wrapper (e.g. put there by another tool).</summary>
    public static PoisonMessage? TryParse(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return JsonSerializer.Deserialize<PoisonMessage>(body.ToMemory().Span, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
