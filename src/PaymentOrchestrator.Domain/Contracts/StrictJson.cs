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

                    if (PlainText.Refusal(name, $"{path} property {index.ToString(CultureInfo.InvariantCulture)}'s name") is { } refusedName)
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
                return Read(element.GetString) is { } text ? PlainText.Refusal(text, path) : $"{path} holds a lone surrogate escape; send plain text.";
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
