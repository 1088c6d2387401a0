using System.Text.Json.Nodes;

namespace PaymentOrchestrator.VippsSimulator.Tests.Support;

/// <summary>Product-order bodies and calls for the Management API tests.</summary>
internal static class ProductOrders
{
    public const string Path = "management/v1/product-orders";

    public static JsonObject Body(string organizationNumber = "987654321", string name = "ACME Fitness") => new()
    {
        ["businessIdentifier"] = new JsonObject { ["scheme"] = "business:NO:ORG", ["id"] = organizationNumber },
        ["productType"] = "VIPPS_PA_NETT",
        ["salesUnitName"] = name,
        ["productUseCase"] = "Website",
        ["annualTurnover"] = 100_000,
        ["intendedPurpose"] = "Gym memberships sold on the website.",
        ["website"] = new JsonObject { ["url"] = "https://example.com", ["termsUrl"] = "https://example.com/terms" },
    };

    /// <summary>Sends a product order and returns its prefilledOrderId.</summary>
    public static async Task<string> CreateAsync(VippsCaller caller, JsonObject body, string? key = null)
    {
        using var response = await caller.PostAsync(Path, body, key ?? Payments.NewKey());
        response.EnsureSuccessStatusCode();
        return (await response.ReadAsync())["prefilledOrderId"]!.GetValue<string>();
    }
}
