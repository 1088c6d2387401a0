using System.Text.Json.Nodes;

namespace PaymentOrchestrator.VippsSimulator.Tests.Support;

internal static class Json
{
    public static async Task<JsonNode> ReadAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON body.");
    }

    /// <summary>The ePayment error code in extraDetails ({"name":"ErrorCode","reason":"6080"}), or null.</summary>
    public static async Task<string?> ErrorCodeAsync(this HttpResponseMessage response)
    {
        var body = await response.ReadAsync();
        return body["extraDetails"]?.AsArray()
            .FirstOrDefault(d => d?["name"]?.GetValue<string>() == "ErrorCode")?["reason"]?.GetValue<string>();
    }
}
