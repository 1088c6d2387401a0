using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Testing.Chaos;

/// <summary>
/// A chaos run's own view of what the system under test stores and of Vipps: the orchestrator's services over the run's
/// tables and the simulator (<see cref="CoreSettings"/>), used to register sales units, wait for sagas and verify them.
/// It runs no saga.
/// </summary>
public sealed class ChaosObserver : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ChaosObserver(ServiceProvider services) => _services = services;

    public SagaStore Sagas => Get<SagaStore>();

    public SalesUnitStore SalesUnits => Get<SalesUnitStore>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<ChaosObserver> StartAsync(CoreSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.None));
        services.AddSingleton(TimeProvider.System);
        services.AddPaymentOrchestrator(settings.Configuration());
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            await provider.GetRequiredService<OrchestratorStorage>().EnsureCreatedAsync(cancellationToken: cancellationToken);
            return new ChaosObserver(provider);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
