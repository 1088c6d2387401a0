using System.Text.Json;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>
/// The CloudEvents distributed-tracing extension (<c>traceparent</c>, W3C Trace Context) of a structured-mode event,
/// read before the event is parsed so that the intake's span can be its child even when the event is then refused.
/// </summary>
public static class CloudEventTrace
{
    /// <summary>The extension attribute's name.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>The longest value taken (a version 00 <c>traceparent</c> is 55 characters).</summary>
    private const int MaxLength = 128;

    /// <summary>The top-level <c>traceparent</c> string of <paramref name="json"/>, or null when there is none or the JSON is not an object.</summary>
    public static string? ReadTraceParent(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTraceParent = reader.ValueTextEquals(TraceParent);
                if (!reader.Read())
                {
                    return null;
                }

                if (isTraceParent)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaxLength ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the parser refuses it with its own reason; the span is just a new trace.
        }

        return null;
    }
}
