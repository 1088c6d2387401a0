using Microsoft.Net.Http.Headers;

namespace PaymentOrchestrator.Api;

/// <summary>The content types a JSON body may be sent with (any charset parameter; nothing else).</summary>
internal static class JsonContentTypes
{
    public static IReadOnlyList<string> All { get; } = ["application/json", "application/cloudevents+json"];

    public static bool Accepts(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && All.Contains(parsed.MediaType.Value ?? "", StringComparer.OrdinalIgnoreCase);
}
