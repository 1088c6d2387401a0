using System.Globalization;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Orchestration;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>
/// The configuration and services the commands that call Vipps (reconcile, sales-units add, sync and onboard) share
/// with <c>run</c>: the configured Vipps keys, or else the simulator <c>run</c> starts (its port, its partner and
/// accounting keys), with storage on Azurite's default ports when none is configured and the <c>Vipps-System-*</c> defaults.
/// </summary>
internal static class CliVipps
{
    /// <summary>The merged configuration, and the simulator's address when no Vipps keys are configured (else null).</summary>
    public static (IConfigurationRoot Configuration, Uri? Simulator) Configuration(IReadOnlyList<string> args)
    {
        var configuration = LocalConfiguration.Build(args, new Dictionary<string, string?>(), ambient: true);
        var overrides = new Dictionary<string, string?>();
        if (!LocalConfiguration.HasStorage(configuration))
        {
            overrides["Storage:ConnectionString"] = CliStorage.LocalAzurite(configuration);
        }

        Uri? simulator = null;
        if (!LocalConfiguration.HasVippsKeys(configuration))
        {
            var port = configuration.GetSection(LocalHostSettings.SectionName).Get<LocalHostSettings>()?.Simulator.Port ?? new LocalSimulatorSettings().Port;
            simulator = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            foreach (var (key, value) in LocalConfiguration.SimulatorVippsSettings(simulator))
            {
                overrides[key] = value;
            }
        }

        var merged = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();
        var system = LocalConfiguration.SystemHeaderDefaults(merged);
        return (new ConfigurationBuilder().AddConfiguration(merged).AddInMemoryCollection(system).Build(), simulator);
    }

    /// <summary>
    /// The orchestrator's services over <paramref name="configuration"/>, composed as <c>run</c> composes them
    /// (<c>AddPaymentOrchestrator</c>): the one composition of the Vipps client and the stores for every command that
    /// calls Vipps. <paramref name="configure"/> registers what the command brings itself first (a clock, an open store),
    /// which the composition then keeps.
    /// </summary>
    public static ServiceProvider Services(IConfiguration configuration, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure?.Invoke(services);
        services.AddPaymentOrchestrator(configuration);
        return services.BuildServiceProvider();
    }
}
