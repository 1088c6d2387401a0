using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Local.Hosting;

/// <summary>Builds the configuration of a local run and fills in what the embedded defaults supply.</summary>
internal static class LocalConfiguration
{
    /// <summary>appsettings.json (beside the executable), environment variables, command line, then explicit settings.</summary>
    public static IConfigurationRoot Build(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> settings, bool ambient)
    {
        var builder = new ConfigurationBuilder();
        if (ambient)
        {
            builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
            builder.AddEnvironmentVariables();
        }

        builder.AddCommandLine([.. args]);
        builder.AddInMemoryCollection(settings);
        return builder.Build();
    }

    /// <summary>True when storage is configured (a connection string, or service URIs for a managed identity).</summary>
    public static bool HasStorage(IConfiguration configuration)
    {
        var storage = configuration.GetSection(OrchestratorServiceCollectionExtensions.StorageSectionName);
        return !string.IsNullOrWhiteSpace(storage["ConnectionString"]) || !string.IsNullOrWhiteSpace(storage["TableServiceUri"]);
    }

    /// <summary>True when at least one Vipps key set is configured.</summary>
    public static bool HasVippsKeys(IConfiguration configuration) =>
        configuration.GetSection("Vipps:KeySets").GetChildren().Any();

    /// <summary>Points the Vipps client at the in-process simulator with its partner keys (production mode, as Vipps requires for partner keys) and its accounting keys (Report API, for reconciliation).</summary>
    public static Dictionary<string, string?> SimulatorVippsSettings(Uri simulatorAddress)
    {
        const string prefix = "Vipps:KeySets:" + LocalDefaults.SimulatorKeySetName + ":";
        const string accounting = "Vipps:KeySets:" + LocalDefaults.SimulatorAccountingKeySetName + ":";
        return new Dictionary<string, string?>
        {
            ["Vipps:Environment"] = "Production",
            ["Vipps:BaseAddress"] = simulatorAddress.ToString(),
            ["Vipps:PartnerKeySet"] = LocalDefaults.SimulatorKeySetName,
            [prefix + "Type"] = "Partner",
            [prefix + "Environment"] = "Production",
            [prefix + "ClientId"] = SimulatorDefaults.PartnerClientId,
            [prefix + "ClientSecret"] = SimulatorDefaults.PartnerClientSecret,
            [prefix + "SubscriptionKey"] = SimulatorDefaults.PartnerSubscriptionKey,
            [prefix + "SecondarySubscriptionKey"] = SimulatorDefaults.PartnerSecondarySubscriptionKey,
            ["Vipps:AccountingKeySet"] = LocalDefaults.SimulatorAccountingKeySetName,
            [accounting + "Type"] = "Accounting",
            [accounting + "Environment"] = "Production",
            [accounting + "ClientId"] = SimulatorDefaults.AccountingClientId,
            [accounting + "ClientSecret"] = SimulatorDefaults.AccountingClientSecret,
            [accounting + "SubscriptionKey"] = SimulatorDefaults.AccountingSubscriptionKey,
        };
    }

    /// <summary>Vipps-System-* headers are mandatory for partners; defaults name this host when none are configured.</summary>
    public static Dictionary<string, string?> SystemHeaderDefaults(IConfiguration configuration)
    {
        var defaults = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(configuration["Vipps:System:Name"]))
        {
            defaults["Vipps:System:Name"] = "paymentorchestrator";
        }

        if (string.IsNullOrWhiteSpace(configuration["Vipps:System:Version"]))
        {
            defaults["Vipps:System:Version"] = typeof(LocalConfiguration).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
        }

        if (string.IsNullOrWhiteSpace(configuration["Vipps:System:PluginName"]))
        {
            defaults["Vipps:System:PluginName"] = "paymentorchestrator-local";
        }

        return defaults;
    }
}
