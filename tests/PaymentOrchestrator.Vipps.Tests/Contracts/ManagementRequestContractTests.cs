using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps.Management;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Contracts;

/// <summary>Every Management API request the client sends (path, headers, body) is one management-v1.yaml declares, and none is a proposal.</summary>
public class ManagementRequestContractTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("management")]
    public async Task every_management_request_of_a_session_matches_the_official_spec(string? managementKeySet)
    {
        await using var host = await VippsTestHost.StartAsync(
            simulatorOptions: new SimulatorOptions { RateLimitsEnabled = false },
            configure: s => s["Vipps:ManagementKeySet"] = managementKeySet);
        var client = host.Get<VippsManagementClient>();
        var merchant = BusinessIdentifier.NorwegianOrganization(SimulatorDefaults.NorwayOrganizationNumber);
        await client.ListSalesUnitsAsync();
        await client.GetSalesUnitAsync(VippsTestHost.Norway);
        await client.GetSalesUnitAsync(VippsTestHost.Unlinked);
        await client.ListMerchantSalesUnitsAsync(merchant);
        await client.CreateProductOrderAsync(
            new ProductOrderRequest
            {
                BusinessIdentifier = BusinessIdentifier.NorwegianOrganization("987654321"),
                ProductType = ProductType.VippsPaNett,
                SalesUnitName = "ACME Fantastic Fitness",
                PricePackageId = Guid.NewGuid(),
                ProductUseCase = ProductUseCase.WebsiteWithTest,
                AnnualTurnover = 250_000,
                IntendedPurpose = "Memberships.",
                Website = new ProductOrderWebsite(new Uri("https://example.com"), new Uri("https://example.com/terms"), new Uri("https://test.example.com")),
            },
            Payments.NewKey("order"));
        await client.CreateProductOrderAsync(
            new ProductOrderRequest { BusinessIdentifier = merchant, ProductType = ProductType.VippsLoggInn },
            Payments.NewKey("order"));

        var requests = host.Recorder.Requests.Where(r => r.Path.StartsWith("/management/", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, requests.Count);
        foreach (var request in requests)
        {
            Assert.Empty(OpenApiContract.Management.ValidateRequest(request.Method, request.Path, request.Query, request.Headers));
            if (request.Body is { } body)
            {
                Assert.Empty(OpenApiContract.Management.Validate("ProductOrderRequest", body));
            }
        }
    }
}
