using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Orchestration.Tests.Stores;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData(null, null, "Storage:ConnectionString")]
    [InlineData("UseDevelopmentStorage=true", "https://acct.table.core.windows.net/", "not both")]
    [InlineData(null, "https://acct.table.core.windows.net/", "QueueServiceUri")]
    [InlineData("this is not a connection string", null, "connection string")]
    public void a_wrong_storage_setting_fails_validation_naming_the_setting(string? connectionString, string? tableUri, string expected)
    {
        var services = new ServiceCollection();
        services.AddPaymentOrchestrator(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:TableServiceUri"] = tableUri,
        }).Build());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageConnectionOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/vipps/webhooks", false)]
    [InlineData("ftp://orchestrator.example/api/vipps/webhooks", false)]
    [InlineData("https://orchestrator.example/api/vipps/webhooks", true)]
    public void a_webhook_registration_url_must_be_absolute(string url, bool valid)
    {
        var services = new ServiceCollection();
        services.AddPaymentOrchestrator(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Webhooks:Registrations:0:Url"] = url,
            ["Webhooks:Registrations:0:Secret"] = "secret-0123456789",
        }).Build());
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<WebhookOptions>>().Value;

        if (valid)
        {
            Assert.Equal(new Uri(url), Assert.Single(read().Registrations).Url);
        }
        else
        {
            Assert.Contains("Webhooks:Registrations:n:Url", Assert.Throws<OptionsValidationException>(read).Message, StringComparison.Ordinal);
        }
    }
}
