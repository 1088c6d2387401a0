using System.Text.Json;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// A poison message as the console shows it: the reason and description, where it came from, the sales unit it speaks
/// for (read from the original message) and the original message itself (cut at <see cref="MaxOriginalChars"/>).
/// </summary>
public sealed record DeadLetterView(
    string MessageId,
    string Reason,
    string Description,
    string Queue,
    DateTimeOffset PoisonedAt,
    long DequeueCount,
    string? Msn,
    string? EventType,
    string? EventId,
    string? Source,
    string OriginalEncoding,
    string Original,
    bool OriginalTruncated)
{
    public const int MaxOriginalChars = 16 * 1024;

    public static DeadLetterView From(string messageId, PoisonMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (msn, type, id, source) = Describe(message);
        var original = message.OriginalMessage;
        var truncated = original.Length > MaxOriginalChars;
        return new DeadLetterView(messageId, message.Reason, message.Description, message.Queue, message.PoisonedAt, message.DequeueCount,
            msn, type, id, source, message.OriginalEncoding, truncated ? original[..MaxOriginalChars] : original, truncated);
    }

    /// <summary>
    /// The sales unit a poison message speaks for: <c>data.msn</c> of a CloudEvent, the <c>msn</c> of a wake-up, or the
    /// first segment of a CloudEvent's <c>subject</c>. Null when the message names none (it then belongs to nobody a key
    /// can act for, and the console does not show it).
    /// </summary>
    public static string? MsnOf(PoisonMessage message) => Describe(message).Msn;

    private static (string? Msn, string? Type, string? Id, string? Source) Describe(PoisonMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.OriginalEncoding != "utf-8")
        {
            return (null, null, null, null);
        }

        try
        {
            using var json = JsonDocument.Parse(message.OriginalMessage);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null, null);
            }

            var candidate = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? Text(data, "msn") : null;
            candidate ??= Text(root, "msn");
            if (candidate is null && Text(root, "subject") is { } subject)
            {
                candidate = subject.Split('/', 2)[0];
            }

            var msn = candidate is not null && Domain.Values.Msn.Create(candidate) is { IsValid: true } valid ? valid.Value.Value : null;
            return (msn, Text(root, "type"), Text(root, "id"), Text(root, "source"));
        }
        catch (JsonException)
        {
            return (null, null, null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
