using System.Text.Json;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Api.DeadLetters;

/// <summary>
/// The sales unit a dead-lettered CloudEvent speaks for, read from the original message: <c>data.msn</c>, a top-level
/// <c>msn</c>, or the first segment of <c>subject</c>. Null when it names none (no key may see it then).
/// </summary>
public static class DeadLetterOwner
{
    public static (string? Msn, string? Type, string? Id, string? Source) Describe(ReadOnlyMemory<byte> original)
    {
        try
        {
            // Duplicate keys make a message nobody's: two msn values would let one sender put a letter in another's view.
            using var json = JsonDocument.Parse(original, StrictJson.DocumentOptions);
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

            var msn = candidate is not null && Msn.Create(candidate) is { IsValid: true } valid ? valid.Value.Value : null;
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
