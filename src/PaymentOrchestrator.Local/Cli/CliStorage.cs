using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Azurite;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Storage;
using Azure.Storage.Queues;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>
/// What the storage commands (send, status, sales-units, dead-letters) need: the same configuration as <c>run</c>,
/// with the stores and queues but no Vipps client. Without a configured connection string they use Azurite on its
/// default ports — the one <c>run</c> starts.
/// </summary>
internal sealed class CliStorage : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliStorage(ServiceProvider services) => _services = services;

    public QueueServiceClient Queues => _services.GetRequiredService<QueueServiceClient>();

    public SalesUnitStore SalesUnits => _services.GetRequiredService<SalesUnitStore>();

    public SagaQueries Queries => _services.GetRequiredService<SagaQueries>();

    public LocalHostSettings Settings => _services.GetRequiredService<IOptions<LocalHostSettings>>().Value;

    public TimeProvider Time => TimeProvider.System;

    public static CliStorage Open(IReadOnlyList<string> configurationArgs)
    {
        var configuration = LocalConfiguration.Build(configurationArgs, new Dictionary<string, string?>(), ambient: true);
        var overrides = new Dictionary<string, string?>();
        if (!LocalConfiguration.HasStorage(configuration))
        {
            overrides["Storage:ConnectionString"] = LocalAzurite(configuration);
        }

        var merged = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();
        var services = new ServiceCollection();
        services.AddOptions<LocalHostSettings>().Bind(merged.GetSection(LocalHostSettings.SectionName));
        services.AddOptions<PaymentOrchestratorOptions>().Bind(merged.GetSection(PaymentOrchestratorOptions.SectionName));
        services.AddOptions<StorageConnectionOptions>().Bind(merged.GetSection(OrchestratorServiceCollectionExtensions.StorageSectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<IOptions<StorageConnectionOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<StorageClients>().Tables);
        services.AddSingleton(sp => sp.GetRequiredService<StorageClients>().Queues);
        services.AddSingleton(sp => new SagaStore(sp.GetRequiredService<TableServiceClient>()
            .GetTableClient(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentsTable)));
        services.AddSingleton(sp => new SalesUnitStore(sp.GetRequiredService<TableServiceClient>()
            .GetTableClient(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.SalesUnitsTable), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SagaQueries>();
        return new CliStorage(services.BuildServiceProvider());
    }

    /// <summary>Azurite's well-known development account on the ports <c>run</c> gives it (the account key is public, not a secret).</summary>
    internal static string LocalAzurite(IConfiguration configuration) =>
        LocalAzurite(configuration.GetSection(LocalHostSettings.SectionName).Get<LocalHostSettings>()?.Azurite ?? new LocalAzuriteSettings());

    private static string LocalAzurite(LocalAzuriteSettings ports) =>
        AzuriteServer.ConnectionStringFor(ports.BlobPort, ports.QueuePort, ports.TablePort);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
