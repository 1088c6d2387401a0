using System.Net;
using PaymentOrchestrator.Azurite;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Orchestration;

namespace PaymentOrchestrator.EndToEnd.Tests.Api;

public sealed class HealthTests
{
    [Fact]
    public async Task with_storage_down_health_answers_503_without_the_storage_address_or_exception_text()
    {
        var azurite = await AzuriteServer.StartAsync(AzuriteOptions.ForTests);
        var storageAddress = new Uri(azurite.ConnectionString.Split(';').First(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal))["TableEndpoint=".Length..]);
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            // With its storage gone the host cannot stop cleanly and waits out the whole shutdown timeout (20 s in
            // TestHost); this test is about the health answer, not the stop.
            ["Local:ShutdownTimeout"] = "00:00:02",
        });
        using (var healthy = await host.GetAsync(OrchestratorNames.Routes.Health, apiKey: null))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        await azurite.DisposeAsync();
        using var down = await host.GetAsync(OrchestratorNames.Routes.Health, apiKey: null);
        var body = await down.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("\"unhealthy\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(storageAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("devstoreaccount1", body, StringComparison.Ordinal);
    }
}
