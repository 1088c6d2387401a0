using System.Text.Json;

namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

internal static class JsonBody
{
    public static async Task<string?> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public static bool TryParse<T>(string? body, out T? value, out string error)
        where T : class
    {
        value = null;
        error = "";
        if (body is null)
        {
            return true;
        }

        try
        {
            value = JsonSerializer.Deserialize<T>(body, SimulatorJson.Options);
            return true;
        }
        catch (JsonException e)
        {
            error = "The request body is not valid JSON for this operation: " + e.Message;
            return false;
        }
    }
}
