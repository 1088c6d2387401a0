using System.Net;
using System.Text.Json.Nodes;

namespace PaymentOrchestrator.VippsSimulator.Tests.Support;

internal static class Payments
{
    public static string NewReference(string prefix = "order") => $"{prefix}-{Guid.NewGuid():N}";

    public static string NewKey() => Guid.NewGuid().ToString("N");

    public static JsonObject CreateBody(string reference, long value = 10000, string currency = "NOK", string userFlow = "WEB_REDIRECT") => new()
    {
        ["amount"] = new JsonObject { ["currency"] = currency, ["value"] = value },
        ["paymentMethod"] = new JsonObject { ["type"] = "WALLET" },
        ["reference"] = reference,
        ["userFlow"] = userFlow,
        ["returnUrl"] = "https://example.com/return?ref=" + reference,
        ["paymentDescription"] = "Simulator test payment",
    };

    public static JsonObject Modification(long value, string currency = "NOK") => new()
    {
        ["modificationAmount"] = new JsonObject { ["currency"] = currency, ["value"] = value },
    };

    public static async Task<string> CreateAsync(VippsCaller caller, long value = 10000, string currency = "NOK")
    {
        var reference = NewReference();
        using var response = await caller.PostAsync("epayment/v1/payments", CreateBody(reference, value, currency), NewKey());
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return reference;
    }

    public static async Task<string> CreateAuthorizedAsync(SimulatorHost host, VippsCaller caller, long value = 10000, string currency = "NOK")
    {
        var reference = await CreateAsync(caller, value, currency);
        await host.Admin.ApprovePaymentAsync(caller.Msn!, reference, "4791234567");
        return reference;
    }

    public static async Task<JsonNode> GetAsync(VippsCaller caller, string reference)
    {
        using var response = await caller.GetAsync($"epayment/v1/payments/{reference}");
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync();
    }
}
