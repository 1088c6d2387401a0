using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Orchestration.Execution;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Orchestration.Tests.Chaos;

// What the benchmark needs of the orchestrator's services outside the host it measures: the host chaos run's observer
// (sagas and sales units read from storage) and the registry and Vipps client of the host rows.

/// <summary>
/// One orchestrator "process" as a host wires it: a ServiceProvider built with <c>AddPaymentOrchestrator</c> over
/// shared Azurite tables and the simulator, with the partner keys. Killing it = cancelling <see cref="Stopping"/> and
/// disposing the provider; several processes built over the same <see cref="CoreSettings"/> share all durable state.
/// </summary>
internal sealed class CoreProcess : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stopping = new();

    private CoreProcess(ServiceProvider services) => _services = services;

    public CancellationToken Stopping => _stopping.Token;

    public WebhookProcessor Webhooks => Get<WebhookProcessor>();

    public SagaStore Sagas => Get<SagaStore>();

    public SalesUnitStore SalesUnits => Get<SalesUnitStore>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>
    /// Builds a process. <paramref name="wrapExecutor"/> wraps the Vipps command executor (crash injection);
    /// <paramref name="configure"/> runs after AddPaymentOrchestrator (extra HTTP handlers, replaced clients).
    /// </summary>
    public static async Task<CoreProcess> StartAsync(
        CoreSettings settings,
        TimeProvider clock,
        Func<ICommandExecutor, ICommandExecutor>? wrapExecutor = null,
        Action<IServiceCollection>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.None));
        services.AddSingleton(clock);
        if (wrapExecutor is not null)
        {
            services.AddSingleton<ICommandExecutor>(sp => wrapExecutor(ActivatorUtilities.CreateInstance<VippsCommandExecutor>(sp)));
        }

        services.AddPaymentOrchestrator(settings.Configuration());
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            await provider.GetRequiredService<OrchestratorStorage>().EnsureCreatedAsync(cancellationToken: cancellationToken);
            return new CoreProcess(provider);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops all work of this process (its in-flight calls see the token cancelled).</summary>
    public void Kill() => _stopping.Cancel();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _services.DisposeAsync();
        _stopping.Dispose();
    }
}

/// <summary>What every process of one run shares: Azurite, the simulator, the table/queue names and the webhook secret.</summary>
internal sealed record CoreSettings(string StorageConnectionString, Uri SimulatorBaseAddress, string Suffix)
{
    public static readonly Uri WebhookUrl = new("https://orchestrator.example/api/vipps/webhooks");

    /// <summary>Not a secret: a fixed value that only this in-process run knows, to sign webhooks the way Vipps does.</summary>
    public const string WebhookSecret = "chaos-webhook-secret-0123456789abcdef";

    public string PaymentsTable => "payments" + Suffix;

    public string SalesUnitsTable => "salesunits" + Suffix;

    public string EventsQueue => "events-" + Suffix;

    /// <summary>Vipps client retry base delay; the default 500 ms is kept unless a run says otherwise.</summary>
    public TimeSpan? VippsRetryBaseDelay { get; init; }

    public IReadOnlyDictionary<string, string?> Extra { get; init; } = new Dictionary<string, string?>();

    public IConfiguration Configuration()
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = StorageConnectionString,
            ["Orchestrator:PaymentsTable"] = PaymentsTable,
            ["Orchestrator:SalesUnitsTable"] = SalesUnitsTable,
            ["Orchestrator:PaymentEventsQueue"] = EventsQueue,
            ["Vipps:System:Name"] = "paymentorchestrator-chaos",
            ["Vipps:System:Version"] = "1.0.0",
            ["Webhooks:Registrations:0:Url"] = WebhookUrl.ToString(),
            ["Webhooks:Registrations:0:Secret"] = WebhookSecret,
        };
        foreach (var (key, value) in SimulatorVippsSettings.For(SimulatorBaseAddress))
        {
            values[key] = value;
        }

        if (VippsRetryBaseDelay is { } delay)
        {
            values["Vipps:Resilience:BaseDelay"] = delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (k, v) in Extra)
        {
            values[k] = v;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
