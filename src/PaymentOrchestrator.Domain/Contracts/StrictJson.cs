using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>
/// The one reader of JSON we did not write (queue messages, refund and replay bodies, webhook payloads), used by every
/// entry point: the bytes must be valid UTF-8; a property name given twice is malformed input (a reader would otherwise
/// pick one of the two values, and two readers may pick different ones); nesting is bounded; and no property name or
/// string holds text that lies to a person or a terminal — control characters, bidirectional controls, invisible
/// characters or a lone surrogate escape. A refusal names the JSON path and the code point, never the raw text, so
/// that it can be logged and shown as it is.
/// </summary>
public static class StrictJson
{
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        MaxDepth = 16,
        AllowDuplicateProperties = false,
    };

    /// <summary>True with the parsed document (the caller disposes it), or false with the refusal (code and message).</summary>
    public static bool TryParse(
        ReadOnlyMemory<byte> utf8, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out Rejected? refusal)
    {
        document = null;
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            // System.Text.Json does not validate UTF-8 inside property names (and replaces bad bytes when it transcodes
            // a string to write it again): refuse the whole message before anyone reads it.
            refusal = new Rejected(RejectionCode.MalformedJson, "The body is not valid UTF-8.");
            return false;
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            refusal = new Rejected(RejectionCode.MalformedJson, $"The body is not valid JSON: {e.Message}");
            return false;
        }

        if (FirstRefusedText(parsed.RootElement, "$") is { } refused)
        {
            parsed.Dispose();
            refusal = new Rejected(RejectionCode.InvalidText, refused);
            return false;
        }

        document = parsed;
        refusal = null;
        return true;
    }

    /// <summary>
    /// Why <paramref name="text"/> may not be taken, naming <paramref name="where"/> and the code point; null when it may.
    /// Allowed: printable text in any script, including U+200D (the zero-width joiner emoji sequences use).
    /// </summary>
    public static string? RefusedText(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (Describe(c) is { } kind)
            {
                return $"{where} holds {kind} (U+{(int)c:X4}) at position {i.ToString(CultureInfo.InvariantCulture)}; send plain text.";
            }
        }

        return null;
    }

    private static string? Describe(char c) => c switch
    {
        _ when char.IsSurrogate(c) => "a lone surrogate",
        _ when char.IsControl(c) => "a control character",
        '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => "a bidirectional control character",
        '\u200B' or '\u200C' or '\u2060' or '\uFEFF' or '\u180E' or (>= '\u2061' and <= '\u2064') => "an invisible character",
        _ => null,
    };

    private static string? FirstRefusedText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var index = 0;
                foreach (var property in element.EnumerateObject())
                {
                    // The name is not echoed: a refused name is described by its place among its siblings.
                    if (Read(() => property.Name) is not { } name)
                    {
                        return $"{path} property {index.ToString(CultureInfo.InvariantCulture)} has a name with a lone surrogate escape; send plain text.";
                    }

                    if (RefusedText(name, $"{path} property {index.ToString(CultureInfo.InvariantCulture)}'s name") is { } refusedName)
                    {
                        return refusedName;
                    }

                    if (FirstRefusedText(property.Value, $"{path}.{name}") is { } refused)
                    {
                        return refused;
                    }

                    index++;
                }

                return null;
            case JsonValueKind.Array:
                var item = 0;
                foreach (var value in element.EnumerateArray())
                {
                    if (FirstRefusedText(value, $"{path}[{item.ToString(CultureInfo.InvariantCulture)}]") is { } refused)
                    {
                        return refused;
                    }

                    item++;
                }

                return null;
            case JsonValueKind.String:
                return Read(element.GetString) is { } text ? RefusedText(text, path) : $"{path} holds a lone surrogate escape; send plain text.";
            default:
                return null;
        }
    }

    /// <summary>System.Text.Json throws when an escaped lone surrogate is read as a .NET string.</summary>
    private static string? Read(Func<string?> read)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
