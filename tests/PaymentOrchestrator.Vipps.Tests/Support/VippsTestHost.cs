using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Recurring;
using PaymentOrchestrator.Vipps.Report;
using PaymentOrchestrator.Vipps.Webhooks;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Support;

/// <summary>
/// A simulator on a real port plus a DI container with <c>AddVippsClient</c> pointed at it, a capturing logger (all
/// levels) and a recorder of every request attempt. Production mode with partner keys by default; Test mode with
/// each MSN's own merchant keys when <c>test: true</c>.
/// </summary>
public sealed class VippsTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private VippsTestHost(SimulatorHost simulator, ServiceProvider services, CapturingLoggerProvider logs, RequestRecorder recorder)
    {
        Simulator = simulator;
        _services = services;
        Logs = logs;
        Recorder = recorder;
    }

    public SimulatorHost Simulator { get; }

    public SimulatorAdminClient Admin => Simulator.Admin;

    public IServiceProvider Services => _services;

    public CapturingLoggerProvider Logs { get; }

    public RequestRecorder Recorder { get; }

    public VippsEpaymentClient Epayment => _services.GetRequiredService<VippsEpaymentClient>();

    public VippsRecurringClient Recurring => _services.GetRequiredService<VippsRecurringClient>();

    public VippsWebhooksClient Webhooks => _services.GetRequiredService<VippsWebhooksClient>();

    public VippsReportClient Report => _services.GetRequiredService<VippsReportClient>();

    public static readonly MerchantSerialNumber Norway = MerchantSerialNumber.Create(SimulatorDefaults.NorwayMsn);
    public static readonly MerchantSerialNumber Denmark = MerchantSerialNumber.Create(SimulatorDefaults.DenmarkMsn);
    public static readonly MerchantSerialNumber Finland = MerchantSerialNumber.Create(SimulatorDefaults.FinlandMsn);
    public static readonly MerchantSerialNumber Unlinked = MerchantSerialNumber.Create(SimulatorDefaults.UnlinkedMsn);

    /// <summary>Every secret value of the default seed (the things that must never be logged).</summary>
    public static IReadOnlyList<string> SeedSecrets { get; } =
    [
        SimulatorDefaults.PartnerClientSecret, SimulatorDefaults.PartnerSubscriptionKey, SimulatorDefaults.PartnerSecondarySubscriptionKey,
        SimulatorDefaults.ManagementClientSecret, SimulatorDefaults.ManagementSubscriptionKey,
        SimulatorDefaults.AccountingClientSecret, SimulatorDefaults.AccountingSubscriptionKey,
        .. SimulatorDefaults.AllMsns.SelectMany(m => new[] { SimulatorDefaults.MerchantClientSecret(m), SimulatorDefaults.MerchantSubscriptionKey(m), SimulatorDefaults.MerchantSecondarySubscriptionKey(m) }),
    ];

    public static async Task<VippsTestHost> StartAsync(
        bool test = false,
        SimulatorOptions? simulatorOptions = null,
        Action<Dictionary<string, string?>>? configure = null,
        TimeProvider? clientTime = null,
        SimulatorMode? simulatorMode = null,
        Action<IServiceCollection>? configureServices = null)
    {
        simulatorOptions ??= new SimulatorOptions();
        simulatorOptions.Mode = simulatorMode ?? (test ? SimulatorMode.Test : SimulatorMode.Production);
        var simulator = await SimulatorHost.StartAsync(simulatorOptions);
        try
        {
            var settings = BaseSettings(simulator.BaseAddress, test);
            configure?.Invoke(settings);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var logs = new CapturingLoggerProvider();
            var recorder = new RequestRecorder();
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            if (clientTime is not null)
            {
                services.AddSingleton(clientTime);
            }

            services.AddVippsClient(configuration);
            configureServices?.Invoke(services);
            services.AddHttpClient(VippsServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new RecordingHandler(recorder));
            services.AddHttpClient(VippsServiceCollectionExtensions.PersonalDataHttpClientName).AddHttpMessageHandler(() => new RecordingHandler(recorder));
            services.AddHttpClient(VippsServiceCollectionExtensions.TokenHttpClientName).AddHttpMessageHandler(() => new RecordingHandler(recorder));
            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            provider.GetRequiredService<IStartupValidator>().Validate();
            return new VippsTestHost(simulator, provider, logs, recorder);
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    public static Dictionary<string, string?> BaseSettings(Uri baseAddress, bool test)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Vipps:Environment"] = test ? "Test" : "Production",
            ["Vipps:BaseAddress"] = baseAddress.ToString(),
            ["Vipps:System:Name"] = "paymentorchestrator",
            ["Vipps:System:Version"] = "1.0.0",
            ["Vipps:System:PluginName"] = "po-vipps-client",
            ["Vipps:System:PluginVersion"] = "0.1.0",
            ["Vipps:Resilience:MaxRetryAttempts"] = "3",
            ["Vipps:Resilience:BaseDelay"] = "00:00:00.010",
            ["Vipps:Resilience:MaxDelay"] = "00:00:00.100",
            ["Vipps:Resilience:MaxRetryAfter"] = "00:00:05",
            ["Vipps:Resilience:AttemptTimeout"] = "00:00:15",
            ["Vipps:Resilience:TotalTimeout"] = "00:01:00",
            ["Vipps:Resilience:CircuitBreaker:MinimumThroughput"] = "1000",
        };
        var environment = test ? "Test" : "Production";
        AddKeySet(settings, "management", "Management", environment, SimulatorDefaults.ManagementClientId, SimulatorDefaults.ManagementClientSecret, SimulatorDefaults.ManagementSubscriptionKey, SimulatorDefaults.ManagementSecondarySubscriptionKey);
        AddKeySet(settings, "accounting", "Accounting", environment, SimulatorDefaults.AccountingClientId, SimulatorDefaults.AccountingClientSecret, SimulatorDefaults.AccountingSubscriptionKey, SimulatorDefaults.AccountingSecondarySubscriptionKey);
        foreach (var msn in SimulatorDefaults.AllMsns)
        {
            AddKeySet(settings, "merchant-" + msn, "Merchant", environment, SimulatorDefaults.MerchantClientId(msn), SimulatorDefaults.MerchantClientSecret(msn), SimulatorDefaults.MerchantSubscriptionKey(msn), SimulatorDefaults.MerchantSecondarySubscriptionKey(msn));
        }

        if (test)
        {
            foreach (var msn in SimulatorDefaults.AllMsns)
            {
                settings["Vipps:MerchantKeySets:" + msn] = "merchant-" + msn;
            }
        }
        else
        {
            AddKeySet(settings, "partner", "Partner", "Production", SimulatorDefaults.PartnerClientId, SimulatorDefaults.PartnerClientSecret, SimulatorDefaults.PartnerSubscriptionKey, SimulatorDefaults.PartnerSecondarySubscriptionKey);
            settings["Vipps:PartnerKeySet"] = "partner";
            settings["Vipps:AccountingKeySet"] = "accounting";
        }

        return settings;
    }

    public static void AddKeySet(Dictionary<string, string?> settings, string name, string type, string environment, string clientId, string clientSecret, string subscriptionKey, string? secondary)
    {
        var prefix = "Vipps:KeySets:" + name + ":";
        settings[prefix + "Type"] = type;
        settings[prefix + "Environment"] = environment;
        settings[prefix + "ClientId"] = clientId;
        settings[prefix + "ClientSecret"] = clientSecret;
        settings[prefix + "SubscriptionKey"] = subscriptionKey;
        settings[prefix + "SecondarySubscriptionKey"] = secondary;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
