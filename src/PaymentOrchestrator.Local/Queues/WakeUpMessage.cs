using System.Text.Json;
using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>A message on <c>wake-ups</c>: wake this saga at <see cref="At"/> (the saga's NextWakeUpAt when it was scheduled).</summary>
public sealed record WakeUpMessage(
    [property: JsonPropertyName("kind")] SagaKind Kind,
    [property: JsonPropertyName("msn")] string Msn,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WakeUpMessage For(SagaKey key, DateTimeOffset at) => new(key.Kind, key.Msn.Value, key.Id, at);

    /// <summary>The saga key, or null when the message names no valid saga.</summary>
    public SagaKey? Key => Domain.Values.Msn.Create(Msn) is { IsValid: true } msn && !string.IsNullOrEmpty(Id)
        ? new SagaKey(Kind, msn.Value, Id)
        : null;

    public BinaryData ToBinary() => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Null when the body is not a wake-up message.</summary>
    public static WakeUpMessage? TryParse(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return JsonSerializer.Deserialize<WakeUpMessage>(body.ToMemory().Span, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
