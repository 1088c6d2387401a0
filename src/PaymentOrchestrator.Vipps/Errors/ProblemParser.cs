using System.Text.Json;

namespace PaymentOrchestrator.Vipps.Errors;

/// <summary>Reads any error body Vipps or its gateway sends into a <see cref="VippsProblem"/>; never throws.</summary>
internal static class ProblemParser
{
    private const int MaxTextLength = 500;

    public static VippsProblem Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new VippsProblem();
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                // Recurring v2-style error array: [{field, message, code, contextId}].
                var first = root.EnumerateArray().FirstOrDefault();
                return first.ValueKind == JsonValueKind.Object
                    ? new VippsProblem { Detail = Str(first, "message"), ContextId = Str(first, "contextId"), IsProblemJson = true, ExtraDetails = Code(first) }
                    : new VippsProblem { Detail = Truncate(body) };
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return new VippsProblem { Detail = Truncate(body) };
            }

            if (root.TryGetProperty("title", out _) || root.TryGetProperty("traceId", out _) || root.TryGetProperty("contextId", out _) || root.TryGetProperty("type", out _))
            {
                return new VippsProblem
                {
                    Type = Str(root, "type"),
                    Title = Str(root, "title"),
                    Detail = Str(root, "detail"),
                    TraceId = Str(root, "traceId"),
                    ContextId = Str(root, "contextId"),
                    Instance = Str(root, "instance"),
                    ExtraDetails = Details(root),
                    IsProblemJson = true,
                };
            }

            // Azure API Management: {statusCode, message} or {responseInfo{responseCode,responseMessage}, result{message}}.
            if (root.TryGetProperty("message", out _))
            {
                return new VippsProblem { Detail = Str(root, "message") };
            }

            if (root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object)
            {
                var info = root.TryGetProperty("responseInfo", out var ri) && ri.ValueKind == JsonValueKind.Object ? Str(ri, "responseMessage") : null;
                return new VippsProblem { Title = info, Detail = Str(result, "message") };
            }

            // Token endpoint (Azure AD style): {error, error_description, trace_id}.
            if (root.TryGetProperty("error", out _))
            {
                return new VippsProblem { Title = Str(root, "error"), Detail = Str(root, "error_description"), TraceId = Str(root, "trace_id") };
            }

            return new VippsProblem { Detail = Truncate(body) };
        }
        catch (JsonException)
        {
            return new VippsProblem { Detail = Truncate(body) };
        }
    }

    private static List<VippsProblemDetail> Details(JsonElement root)
    {
        var list = new List<VippsProblemDetail>();
        if (!root.TryGetProperty("extraDetails", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return list;
        }

        foreach (var item in details.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            // ePayment and Webhooks {name, reason}; Recurring {field, text}; Management {key, value}.
            var name = Str(item, "name") ?? Str(item, "field") ?? Str(item, "key");
            var reason = Str(item, "reason") ?? Str(item, "text") ?? Str(item, "value");
            if (name is not null && reason is not null)
            {
                list.Add(new VippsProblemDetail(name, reason));
            }
        }

        return list;
    }

    private static List<VippsProblemDetail> Code(JsonElement item) =>
        Str(item, "code") is { } code ? [new VippsProblemDetail("code", code)] : [];

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => Truncate(value.GetString()),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static string? Truncate(string? text) =>
        text is { Length: > MaxTextLength } ? text[..MaxTextLength] + "…" : text;
}
