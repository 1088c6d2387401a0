using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace PaymentOrchestrator.VippsSimulator.Tests.Support;

internal static class Agreements
{
    public static JsonObject DraftBody(long price = 29900, string currency = "NOK", JsonObject? initialCharge = null)
    {
        var body = new JsonObject
        {
            ["pricing"] = new JsonObject { ["type"] = "LEGACY", ["amount"] = price, ["currency"] = currency },
            ["interval"] = new JsonObject { ["unit"] = "MONTH", ["count"] = 1 },
            ["merchantRedirectUrl"] = "https://example.com/redirect",
            ["merchantAgreementUrl"] = "https://example.com/agreement",
            ["phoneNumber"] = "4791234567",
            ["productName"] = "Simulator News",
        };
        if (initialCharge is not null)
        {
            body["initialCharge"] = initialCharge;
        }

        return body;
    }

    public static async Task<JsonNode> DraftAsync(VippsCaller caller, JsonObject? body = null)
    {
        using var response = await caller.PostAsync("recurring/v3/agreements", body ?? DraftBody(), Payments.NewKey());
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Draft failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return await response.ReadAsync();
    }

    public static async Task<string> ActiveAsync(SimulatorHost host, VippsCaller caller, JsonObject? body = null)
    {
        var id = (await DraftAsync(caller, body))["agreementId"]!.GetValue<string>();
        await host.Admin.AcceptAgreementAsync(caller.Msn!, id, "4791234567");
        return id;
    }

    public static async Task<JsonNode> GetAsync(VippsCaller caller, string agreementId)
    {
        using var response = await caller.GetAsync($"recurring/v3/agreements/{agreementId}");
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync();
    }

    public static async Task<JsonNode> GetChargeAsync(VippsCaller caller, string agreementId, string chargeId)
    {
        using var response = await caller.GetAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}");
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync();
    }

    public static async Task<string> Today(SimulatorHost host) =>
        (await host.Admin.GetTimeAsync()).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<JsonObject> ChargeBody(SimulatorHost host, long amount = 29900, int dueInDays = 2, string transactionType = "DIRECT_CAPTURE", int retryDays = 0, string? orderId = null)
    {
        var due = (await host.Admin.GetTimeAsync()).UtcDateTime.AddDays(dueInDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["amount"] = amount,
            ["transactionType"] = transactionType,
            ["description"] = "Monthly subscription",
            ["due"] = due,
            ["retryDays"] = retryDays,
        };
        if (orderId is not null)
        {
            body["orderId"] = orderId;
        }

        return body;
    }

    public static async Task<string> CreateChargeAsync(SimulatorHost host, VippsCaller caller, string agreementId, JsonObject? body = null)
    {
        using var response = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges", body ?? await ChargeBody(host), Payments.NewKey());
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Create charge failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.ReadAsync())["chargeId"]!.GetValue<string>();
    }
}
