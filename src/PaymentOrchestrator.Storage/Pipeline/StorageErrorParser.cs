using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace PaymentOrchestrator.Storage.Pipeline;

/// <summary>Reads the error code (x-ms-error-code, else the body) and the first line of the message from a response.</summary>
internal static class StorageErrorParser
{
    public static (string? Code, string? Message) Parse(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? message = null;
        var content = response.Content;
        if (content is not null && content.ToMemory().Length > 0)
        {
            var (bodyCode, bodyMessage) = ParseBody(content.ToString());
            code ??= bodyCode;
            message = bodyMessage;
        }

        return (string.IsNullOrEmpty(code) ? null : code, FirstLine(message));
    }

    public static (string? Code, string? Message) ParseBody(string body)
    {
        var trimmed = body.TrimStart();
        try
        {
            if (trimmed.StartsWith('{'))
            {
                using var doc = JsonDocument.Parse(trimmed);
                if (doc.RootElement.TryGetProperty("odata.error", out var error) ||
                    doc.RootElement.TryGetProperty("error", out error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    string? message = null;
                    if (error.TryGetProperty("message", out var m))
                    {
                        message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString()
                            : m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    }

                    return (code, message);
                }
            }
            else if (trimmed.StartsWith('<'))
            {
                var root = XDocument.Parse(trimmed).Root;
                if (root is not null)
                {
                    return (root.Element("Code")?.Value, root.Element("Message")?.Value);
                }
            }
        }
        catch (Exception e) when (e is JsonException or XmlException or InvalidOperationException)
        {
            // Not a storage error body; the status code and header still describe the failure.
        }

        return (null, null);
    }

    private static string? FirstLine(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
