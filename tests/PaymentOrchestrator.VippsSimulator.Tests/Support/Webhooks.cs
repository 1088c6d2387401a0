using System.Net;
using System.Text.Json.Nodes;

namespace PaymentOrchestrator.VippsSimulator.Tests.Support;

internal static class Webhooks
{
    public static async Task<(string Id, string Secret)> RegisterAsync(VippsCaller caller, Uri url, params string[] events)
    {
        using var response = await caller.PostAsync("webhooks/v1/webhooks", new JsonObject { ["url"] = url.ToString(), ["events"] = new JsonArray(events.Select(e => (JsonNode)e!).ToArray()) });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Register failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.ReadAsync();
        return (body["id"]!.GetValue<string>(), body["secret"]!.GetValue<string>());
    }
}
