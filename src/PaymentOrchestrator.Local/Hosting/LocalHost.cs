using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Azurite;
using PaymentOrchestrator.Api;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Durable;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Local.Startup;
using PaymentOrchestrator.Local.Telemetry;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.SalesUnits;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Local.Hosting;

/// <summary>
/// The whole system in one process, as <c>run</c>, <c>demo</c> and the end-to-end tests start it: Azurite (unless
/// storage is configured), the Vipps simulator (unless Vipps keys are configured), the orchestrator with its queue
/// workers and its Durable saga engine, and the HTTP API. <see cref="StopAsync"/> stops gracefully: in-flight messages finish or are
/// released for redelivery.
/// </summary>
public sealed class LocalHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AzuriteServer? _azurite;
    private int _stopped;

    private LocalHost(
        WebApplication app, Uri baseAddress, AzuriteServer? azurite, SimulatorHost? simulator, LocalClock? clock,
        string? sessionApiKey, Uri? webhookUrl, AspireDashboard? dashboard)
    {
        _app = app;
        _azurite = azurite;
        Dashboard = dashboard;
        BaseAddress = baseAddress;
        Simulator = simulator;
        Clock = clock;
        SessionApiKey = sessionApiKey;
        WebhookUrl = webhookUrl;
    }

    /// <summary>The HTTP API's root, e.g. http://127.0.0.1:7071/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The in-process simulator, when this host started one.</summary>
    public SimulatorHost? Simulator { get; }

    /// <summary>The shared host/simulator clock, when the simulator runs in-process.</summary>
    public LocalClock? Clock { get; }

    /// <summary>The API key made for this session when none was configured (printed once by <c>run</c>); null otherwise.</summary>
    public string? SessionApiKey { get; }

    /// <summary>The webhook URL registered with Vipps, or null when none was registered.</summary>
    public Uri? WebhookUrl { get; }

    /// <summary>The Aspire dashboard this host started and exports to (<c>Local:Telemetry:Dashboard</c>), else null.</summary>
    public AspireDashboard? Dashboard { get; }

    /// <summary>The Azurite this host started (null when storage is configured).</summary>
    public AzuriteServer? Azurite => _azurite;

    public IServiceProvider Services => _app.Services;

    public LocalHostSettings Settings => Services.GetRequiredService<IOptions<LocalHostSettings>>().Value;

    public static async Task<LocalHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var progress = options.Progress ?? (_ => { });
        var configuration = LocalConfiguration.Build(options.Args, options.Settings, options.UseAmbientConfiguration);
        var derived = new Dictionary<string, string?>();
        var settings = configuration.GetSection(LocalHostSettings.SectionName).Get<LocalHostSettings>() ?? new LocalHostSettings();

        AzuriteServer? azurite = null;
        SimulatorHost? simulator = null;
        AspireDashboard? dashboard = null;
        WebApplication? app = null;
        try
        {
            var otlpEndpoint = settings.Telemetry.OtlpEndpoint;
            if (settings.Telemetry.Dashboard)
            {
                progress("Starting the Aspire dashboard (from its NuGet package) ...");
                dashboard = await AspireDashboard.StartAsync(settings.Telemetry.DashboardPort, settings.Telemetry.DashboardOtlpPort, cancellationToken);
                otlpEndpoint = dashboard.OtlpEndpoint;
                progress($"Aspire dashboard on {dashboard.Url}, receiving OTLP on {dashboard.OtlpEndpoint}");
            }

            if (!LocalConfiguration.HasStorage(configuration))
            {
                var ports = settings.Azurite;
                progress(options.AzuriteDataDirectory is { } dir
                    ? string.Create(CultureInfo.InvariantCulture, $"Starting Azurite on ports {ports.BlobPort}, {ports.QueuePort}, {ports.TablePort} with data in {dir} (the first run installs it with npm ci) ...")
                    : "Starting Azurite on free ports, in memory with its queues in a temporary folder (the first run installs it with npm ci) ...");
                azurite = await AzuriteServer.StartAsync(
                    options.AzuriteDataDirectory is { } data
                        ? AzuriteOptions.ForLocalHost(data) with { BlobPort = ports.BlobPort, QueuePort = ports.QueuePort, TablePort = ports.TablePort }
                        : AzuriteOptions.ForTests,
                    cancellationToken);
                derived["Storage:ConnectionString"] = azurite.ConnectionString;
            }

            LocalClock? clock = null;
            var useSimulator = settings.Simulator.Enabled ?? !LocalConfiguration.HasVippsKeys(configuration);
            if (useSimulator)
            {
                clock = new LocalClock();
                simulator = await SimulatorHost.StartAsync(new SimulatorOptions
                {
                    TimeProvider = clock,
                    AutoApproveAfter = settings.Simulator.AutoApproveAfter,
                    RateLimitsEnabled = settings.Simulator.RateLimitsEnabled,
                    TestPerson = settings.Simulator.TestPerson,
                    // Clock jumps (a charge's due date) must not expire the host's tokens mid-demo.
                    TokenLifetime = TimeSpan.FromDays(30),
                    StateFile = options.SimulatorStateFile,
                }, settings.Simulator.Port, quiet: true, cancellationToken);
                progress(options.SimulatorStateFile is { } stateFile
                    ? $"Vipps simulator listening on {simulator.BaseAddress}, its state kept in {stateFile}"
                    : $"Vipps simulator listening on {simulator.BaseAddress}");
                // Whenever the simulator runs, the Vipps client talks to it (with its partner keys).
                {
                    foreach (var (key, value) in LocalConfiguration.SimulatorVippsSettings(simulator.BaseAddress))
                    {
                        derived[key] = value;
                    }
                }
            }

            foreach (var (key, value) in LocalConfiguration.SystemHeaderDefaults(configuration))
            {
                derived[key] = value;
            }

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddConfiguration(configuration);
            builder.Configuration.AddInMemoryCollection(derived);
            builder.Logging.ClearProviders();
            if (options.ConsoleLogLevel is { } level)
            {
                builder.Logging.AddConsole(console => console.FormatterName = OneLineConsoleFormatter.Name)
                    .AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
                builder.Logging.SetMinimumLevel(level);
                builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
                builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
                builder.Logging.AddFilter("Polly", LogLevel.Warning);
                builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
            }

            builder.WebHost.ConfigureKestrel(RequestLimits.Raise);
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{settings.Http.Address}:{settings.Http.Port}"));
            if (clock is not null)
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
            }

            LocalTelemetry.Add(builder.Services, builder.Logging, otlpEndpoint, options.ConfigureTelemetry);
            options.ConfigureServices?.Invoke(builder.Services);
            builder.Services.AddLocalHost(builder.Configuration);

            app = builder.Build();
            app.Use(RequestLimits.EnforceAsync);
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.MapPaymentOrchestratorApi();

            LocalTelemetry.Start(app.Services);

            // Before the workers start: tables and queues exist, the registry has a sales unit, keys are known.
            var queues = app.Services.GetRequiredService<IOptions<LocalHostSettings>>().Value.Queues;
            await app.Services.GetRequiredService<OrchestratorStorage>().EnsureCreatedAsync(LocalServiceCollectionExtensions.QueueNames(queues), cancellationToken);
            switch (await app.Services.GetRequiredService<SalesUnitSeeder>().SeedIfEmptyAsync(cancellationToken))
            {
                case { Unit: { } seeded }:
                    progress($"Registered demo sales unit {seeded.Msn} '{seeded.Name}' ({seeded.Market}) for {Cli.SalesUnitsCommand.Describe(seeded)}; at Vipps: {SalesUnitCapabilities.Describe(seeded)}");
                    break;
                case { } refused:
                    progress("Demo sales unit not registered: " + (refused.NotAtVipps ?? refused.VippsUnreachable));
                    break;
            }

            string? sessionKey = null;
            var keys = app.Services.GetRequiredService<ApiKeyAuthenticator>();
            if (keys.Count == 0)
            {
                sessionKey = ApiKeyAuthenticator.NewKey();
                keys.Add("session", sessionKey, LocalDefaults.FinanceSource, managesSalesUnits: true);
            }

            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseAddress = new Uri(address.TrimEnd('/') + "/");

            Uri? webhookUrl = null;
            if (settings.Webhooks.Register ?? useSimulator)
            {
                var url = WebhookRegistrar.WebhookUrl(settings.Webhooks.PublicUrl ?? baseAddress);
                if (await app.Services.GetRequiredService<WebhookRegistrar>().RegisterAsync(url, cancellationToken))
                {
                    webhookUrl = url;
                }
            }

            return new LocalHost(app, baseAddress, azurite, simulator, clock, sessionKey, webhookUrl, dashboard);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            if (dashboard is not null)
            {
                await dashboard.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Moves the shared clock of host and simulator forward (the simulator then runs expiry and charge processing) and
    /// sweeps the wake-up index at once, without slack: every saga now due by the moved clock is signalled and reads
    /// itself on the new time (its durable timer runs on real time and would not fire). Only with the in-process simulator.
    /// </summary>
    public async Task<DateTimeOffset> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        var clock = Clock ?? throw new InvalidOperationException("The clock can be moved only with the in-process simulator.");
        var now = clock.Advance(by);
        await Services.GetRequiredService<WakeUpSweep>().SweepAsync(
            Services.GetRequiredService<LocalSagaSignaller>().ForResumption(), TimeSpan.Zero, cancellationToken);
        return now;
    }

    /// <summary>Stops gracefully: no new messages, in-flight ones finish (within Local:ShutdownTimeout) or are released.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        if (Dashboard is not null)
        {
            await Dashboard.DisposeAsync();
        }
    }
}
