using PaymentOrchestrator.Orchestration.Tests.Support.InProcess;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Execution;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.Support;

/// <summary>
/// The orchestration core wired as a host wires it — real Azurite (own tables and queue per harness), the simulator
/// over real HTTP with the partner keys — with a fake clock for the orchestrator and an optional executor wrapper.
/// </summary>
internal sealed class OrchestratorHarness : IAsyncDisposable
{
    public const string Msn = SimulatorDefaults.NorwayMsn;

    private readonly ServiceProvider _services;

    private OrchestratorHarness(ServiceProvider services, SimulatorHost simulator, FakeTimeProvider clock, string eventsQueue)
    {
        _services = services;
        Simulator = simulator;
        Clock = clock;
        EventsQueue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(eventsQueue);
    }

    public SimulatorHost Simulator { get; }

    public FakeTimeProvider Clock { get; }

    public QueueClient EventsQueue { get; }

    public IncomingEventProcessor Processor => Get<IncomingEventProcessor>();

    public SagaDriver Driver => Get<SagaDriver>();

    public SagaStore Sagas => Get<SagaStore>();

    public SalesUnitStore SalesUnits => Get<SalesUnitStore>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="wrapExecutor">Wraps the Vipps command executor.</param>
    /// <param name="sharedClockAt">When set, the orchestrator's fake clock starts here and is the simulator's clock too (reconciliation: one time for both sides).</param>
    /// <param name="configureSimulator">Changes the simulator's options (report page size …).</param>
    public static async Task<OrchestratorHarness> StartAsync(
        Func<IServiceProvider, ICommandExecutor, ICommandExecutor>? wrapExecutor = null,
        DateTimeOffset? sharedClockAt = null,
        Action<SimulatorOptions>? configureSimulator = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        var clock = new FakeTimeProvider(sharedClockAt ?? DateTimeOffset.UtcNow);
        var simulatorOptions = new SimulatorOptions { RateLimitsEnabled = false };
        if (sharedClockAt is not null)
        {
            simulatorOptions.TimeProvider = clock;
            simulatorOptions.TokenLifetime = TimeSpan.FromDays(60);
        }

        configureSimulator?.Invoke(simulatorOptions);
        var simulator = await SimulatorHost.StartAsync(simulatorOptions);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var eventsQueue = "events-" + suffix;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SimulatorVippsSettings.For(simulator.BaseAddress)).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Orchestrator:PaymentsTable"] = "payments" + suffix,
            ["Orchestrator:SalesUnitsTable"] = "salesunits" + suffix,
            ["Orchestrator:PaymentEventsQueue"] = eventsQueue,
            ["Vipps:System:Name"] = "paymentorchestrator-tests",
            ["Vipps:System:Version"] = "1.0.0",
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        if (wrapExecutor is not null)
        {
            services.AddSingleton<ICommandExecutor>(sp => wrapExecutor(sp, ActivatorUtilities.CreateInstance<VippsCommandExecutor>(sp)));
        }

        services.AddPaymentOrchestrator(configuration);
        services.AddInProcessDriver();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<OrchestratorStorage>().EnsureCreatedAsync();
        var harness = new OrchestratorHarness(provider, simulator, clock, eventsQueue);
        await harness.RegisterAsync(Msn, Market.Norway, SalesUnitStatus.Active, Events.Source);
        return harness;
    }

    public Task<SalesUnit> RegisterAsync(string msn, Market market, SalesUnitStatus status, params string[] sources) =>
        SalesUnits.UpsertAsync(new SalesUnitRegistration(
            Domain.Values.Msn.Create(msn).Value, "Shop " + msn, market, VippsEnvironment.Production, "partner", sources, status));

    /// <summary>Moves the orchestrator's clock past the saga's next wake-up and drives it with a wake-up.</summary>
    /// <summary>Requests a payment of <paramref name="amount"/>, has the customer approve it and wakes the saga: it is Authorized.</summary>
    public async Task<SagaKey> AuthorizedPaymentAsync(string reference, long amount = 10_000)
    {
        var key = PaymentKey(reference);
        await Processor.ProcessAsync(Events.PaymentRequested(Msn, reference, amount));
        await Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await WakeAsync(key);
        return key;
    }

    public async Task<DriveResult> WakeAsync(SagaKey key)
    {
        var stored = await Sagas.LoadAsync(key) ?? throw new InvalidOperationException($"No saga {key}.");
        if (stored.NextWakeUpAt is { } at && at > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(at);
        }

        return await Driver.DriveAsync(key, new Domain.Sagas.WakeUp());
    }

    /// <summary>The outcome types published so far, in order.</summary>
    public async Task<IReadOnlyList<string>> PublishedTypesAsync()
    {
        var types = new List<string>();
        foreach (var message in (await EventsQueue.PeekMessagesAsync(32)).Value)
        {
            using var json = System.Text.Json.JsonDocument.Parse(message.Body);
            types.Add(json.RootElement.GetProperty("type").GetString()!);
        }

        return types;
    }

    public static SagaKey PaymentKey(string reference) =>
        SagaKey.Payment(Domain.Values.Msn.Create(Msn).Value, PaymentReference.Create(reference).Value);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
