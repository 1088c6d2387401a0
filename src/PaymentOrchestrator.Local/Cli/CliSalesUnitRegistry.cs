using Microsoft.Extensions.Options;
using PaymentOrchestrator.Orchestration.SalesUnits;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>
/// The <see cref="SalesUnitRegistry"/> of <c>sales-units add</c> and <c>sales-units sync</c>: the registry the storage
/// commands open, and the Vipps Management API with the configured keys, or the simulator's that <c>run</c> starts.
/// </summary>
internal sealed class CliSalesUnitRegistry : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliSalesUnitRegistry(ServiceProvider services, Uri? simulator)
    {
        _services = services;
        Simulator = simulator;
    }

    public SalesUnitRegistry Registry => _services.GetRequiredService<SalesUnitRegistry>();

    /// <summary>The simulator's address when no Vipps keys are configured (else null).</summary>
    public Uri? Simulator { get; }

    /// <summary>Where Vipps is, for a line saying it could not be asked.</summary>
    public string Where => Simulator is null ? "Vipps" : $"the Vipps simulator at {Simulator} (start the host first: run)";

    /// <summary>The registry, or the one line saying why the Vipps configuration cannot be used.</summary>
    public static (CliSalesUnitRegistry? Registry, string? Problem) Open(IReadOnlyList<string> args, SalesUnitStore store)
    {
        var (configuration, simulator) = CliVipps.Configuration(args);
        var provider = CliVipps.Services(configuration, services => services.AddSingleton(store));
        try
        {
            _ = provider.GetRequiredService<IOptions<VippsClientOptions>>().Value;
            return (new CliSalesUnitRegistry(provider, simulator), null);
        }
        catch (OptionsValidationException e)
        {
            provider.Dispose();
            return (null, "Vipps configuration: " + e.Message);
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
