using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Execution;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Testing.Chaos;

namespace PaymentOrchestrator.Benchmarks;

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
