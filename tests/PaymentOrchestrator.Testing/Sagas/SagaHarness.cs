using Azure.Storage.Queues;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Execution;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Testing.Sagas;

/// <summary>
/// The production engine in one test process: events go in through <see cref="SagaHandoff"/> (intake, apply to the
/// row) and the hand-off rule (<see cref="DurableClientSagaSignaller"/>), and the real <see cref="SagaOrchestration"/>
/// with its one activity (<see cref="SagaActivities"/>, registered by <c>AddSagaOrchestration</c>) runs on the
/// in-process Durable Task test host — over real Azurite (own tables and queue per harness) and the simulator over
/// real HTTP with the partner keys. The sagas' clock is a <see cref="FakeTimeProvider"/> that moves only when a test
/// moves it, so a saga acts on a wake-up only when the test says so (<see cref="WakeAsync"/>); Durable timers run on
/// real time, so the activity's wake-up times are converted into the engine's time as the local host's EngineClock does.
/// A test waits for a saga to come to rest by reading its row (<see cref="SettledAsync"/>).
/// </summary>
public sealed class SagaHarness : IAsyncDisposable
{
    public const string Msn = SimulatorDefaults.NorwayMsn;

    /// <summary>The CloudEvents source bound to <see cref="Msn"/> (the tests' webshop).</summary>
    public const string Source = "webshop/acme";

    private readonly ServiceProvider _services;
    private readonly DurableClientSagaSignaller _signaller;
    private readonly TimeProvider _time;
    private readonly double _clockSpeed;
    private readonly FakeTimeProvider? _clock;
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DurableTaskTestHost? _host;
    private bool _ownsSimulator;

    private SagaHarness(ServiceProvider services, SimulatorHost simulator, TimeProvider time, double clockSpeed, string eventsQueue, DurableTaskTestHost host)
    {
        _services = services;
        _host = host;
        _time = time;
        _clockSpeed = clockSpeed;
        _clock = time as FakeTimeProvider;
        Simulator = simulator;
        EventsQueue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(eventsQueue);
        _signaller = new DurableClientSagaSignaller(host.Client);
    }

    public SimulatorHost Simulator { get; }

    /// <summary>The sagas' fake clock (and the simulator's, when started with a shared clock).</summary>
    public FakeTimeProvider Clock => _clock ?? throw new InvalidOperationException("This harness runs on the clock it was given.");

    /// <summary>The sagas' clock: <see cref="Clock"/>, or the clock the harness was started with.</summary>
    public TimeProvider Time => _time;

    public QueueClient EventsQueue { get; }

    public DurableTaskTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public SagaStore Sagas => Get<SagaStore>();

    public SalesUnitStore SalesUnits => Get<SalesUnitStore>();

    public SagaHandoff Handoff => Get<SagaHandoff>();

    /// <summary>How many times the activity ran (each Durable retry counts).</summary>
    public int Advances => Volatile.Read(ref _advances);

    private int _advances;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    /// <summary>The activity's failures by exception type (each is retried by the orchestration's retry policy).</summary>
    public IReadOnlyDictionary<string, int> ActivityFailures => _failures;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="wrapExecutor">Wraps the Vipps command executor the activity calls (fault injection).</param>
    /// <param name="sharedClockAt">When set, the sagas' clock starts here and is the simulator's clock too (one time for both sides).</param>
    /// <param name="configureSimulator">Changes the simulator's options (report page size …).</param>
    /// <param name="configureServices">Runs after <c>AddPaymentOrchestrator</c> (decorators of the activity's services).</param>
    /// <param name="settings">Configuration overrides.</param>
    /// <param name="clock">
    /// A clock that moves by itself (load and chaos runs), running <paramref name="clockSpeed"/> times as fast as real
    /// time, instead of the fake clock; sagas then wake on their own.
    /// </param>
    /// <param name="clockSpeed">How much faster than real time <paramref name="clock"/> runs.</param>
    /// <param name="simulator">A simulator the caller started (and disposes), instead of one of the harness's own.</param>
    public static async Task<SagaHarness> StartAsync(
        Func<IServiceProvider, ICommandExecutor, ICommandExecutor>? wrapExecutor = null,
        DateTimeOffset? sharedClockAt = null,
        Action<SimulatorOptions>? configureSimulator = null,
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        double clockSpeed = 1,
        SimulatorHost? simulator = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        clock ??= new FakeTimeProvider(sharedClockAt ?? TimeProvider.System.GetUtcNow());
        var simulatorOptions = new SimulatorOptions { RateLimitsEnabled = false };
        if (sharedClockAt is not null)
        {
            simulatorOptions.TimeProvider = clock;
            simulatorOptions.TokenLifetime = TimeSpan.FromDays(60);
        }

        configureSimulator?.Invoke(simulatorOptions);
        var ownsSimulator = simulator is null;
        simulator ??= await SimulatorHost.StartAsync(simulatorOptions);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var eventsQueue = "events-" + suffix;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SimulatorVippsSettings.For(simulator.BaseAddress)).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Orchestrator:PaymentsTable"] = "payments" + suffix,
            ["Orchestrator:SalesUnitsTable"] = "salesunits" + suffix,
            ["Orchestrator:OnboardingsTable"] = "onboardings" + suffix,
            ["Orchestrator:PaymentEventsQueue"] = eventsQueue,
            ["Vipps:System:Name"] = "paymentorchestrator-tests",
            ["Vipps:System:Version"] = "1.0.0",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        if (wrapExecutor is not null)
        {
            services.AddSingleton<ICommandExecutor>(sp => wrapExecutor(sp, ActivatorUtilities.CreateInstance<VippsCommandExecutor>(sp)));
        }

        services.AddPaymentOrchestrator(configuration);
        services.AddSagaHosting(configuration);
        services.AddSagaActivities();
        configureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<OrchestratorStorage>().EnsureCreatedAsync();

        SagaHarness? harness = null;
        var activities = provider.GetRequiredService<SagaActivities>();
        var host = await DurableTestHosts.StartAsync(
            registry => registry.AddSagaOrchestration(input => harness!.AdvanceAsync(activities, input)),
            provider.GetRequiredService<ILoggerFactory>());
        harness = new SagaHarness(provider, simulator, clock, clockSpeed, eventsQueue, host) { _ownsSimulator = ownsSimulator };
        await harness.RegisterAsync(Msn, Market.Norway, SalesUnitStatus.Active, Source);
        return harness;
    }

    public Task<SalesUnit> RegisterAsync(string msn, Market market, SalesUnitStatus status, params string[] sources) =>
        SalesUnits.RegisterAsync(new SalesUnitRegistration(
            Domain.Values.Msn.Create(msn).Value, "Shop " + msn, market, VippsEnvironment.Production, "partner", sources, status));

    /// <summary>Registers an active Norwegian unit bound to <see cref="Source"/> with what Vipps said it may do (as <c>sales-units add</c> does).</summary>
    public Task<SalesUnit> RegisterAsync(string msn, SalesUnitConfiguration capabilities) =>
        SalesUnits.RegisterAsync(new SalesUnitRegistration(
            Domain.Values.Msn.Create(msn).Value, "Shop " + msn, Market.Norway, VippsEnvironment.Production, "partner", [Source],
            Capabilities: capabilities));

    /// <summary>
    /// Takes one message in as a host's trigger does: <see cref="SagaHandoff.AcceptAsync"/>, then, when the saga is
    /// ready, the hand-off rule starts or signals its orchestration. Returns the hand-off's result; the saga then runs on
    /// (<see cref="SettledAsync"/> waits for it).
    /// </summary>
    public async Task<HandoffResult> SendAsync(byte[] body, IReadOnlySet<string>? allowedTypes = null)
    {
        var result = await Handoff.AcceptAsync(body, allowedTypes);
        if (result is HandoffReady ready)
        {
            await SignalAsync(ready.Progress);
        }

        return result;
    }

    /// <summary>Sends one message that must be accepted, and waits until its saga is at rest.</summary>
    public async Task<StoredSaga> SendSettledAsync(byte[] body, IReadOnlySet<string>? allowedTypes = null) =>
        await SendAsync(body, allowedTypes) switch
        {
            HandoffReady ready => await SettledAsync(ready.Key),
            HandoffRejected rejected => throw new InvalidOperationException($"The event was refused: {rejected.Code}: {rejected.Message}"),
            var other => throw new InvalidOperationException($"Unexpected hand-off result {other}."),
        };

    /// <summary>Hands a saga's progress to its orchestration by the hosts' one rule (a webhook's, a redelivery's).</summary>
    public Task SignalAsync(SagaProgress progress) => _signaller.SignalAsync(progress, CancellationToken.None);

    /// <summary>
    /// Moves the sagas' clock to the saga's next wake-up (when it is ahead) and hands the saga in again from its row, as
    /// a due timer, a redelivery or the local host's overdue sweep does; returns the saga at rest.
    /// </summary>
    public async Task<StoredSaga> WakeAsync(SagaKey key)
    {
        var stored = await Sagas.LoadAsync(key) ?? throw new InvalidOperationException($"No saga {key}.");
        if (stored.NextWakeUpAt is { } at && at > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(at);
        }

        await SignalAsync(SagaProgress.Resume(key, stored));
        return await SettledAsync(key);
    }

    /// <summary>
    /// Waits until the saga's row is at rest: no handed-out command waits for its result, no outcome waits to be
    /// published and no wake-up is due by the sagas' clock (30 s unless told). Returns the row.
    /// </summary>
    public async Task<StoredSaga> SettledAsync(SagaKey key, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(30));
        StoredSaga? last = null;
        while (true)
        {
            var advanced = Volatile.Read(ref _advanced).Task;
            last = await Sagas.LoadAsync(key);
            if (last is not null && IsSettled(last, _time.GetUtcNow()))
            {
                return last;
            }

            if (TimeProvider.System.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"Saga {key} did not come to rest; last row: {(last is null ? "none" : SagaStateJson.Serialize(last.State))}, " +
                    $"next wake-up {last?.NextWakeUpAt:o}, unpublished {last?.UnpublishedOutcomeCount}.");
            }

            await Task.WhenAny(advanced, Task.Delay(250));
        }
    }

    /// <summary>At rest: nothing for the orchestration to do until an input arrives or the clock moves.</summary>
    public static bool IsSettled(StoredSaga saga, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(saga);
        return SagaAdvance.CommandToExecute(saga.State) is null
            && saga.UnpublishedOutcomeCount == 0
            && !SagaAdvance.IsWakeUpDue(saga.NextWakeUpAt, now);
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

    public static SagaKey PaymentKey(string reference, string msn = Msn) =>
        SagaKey.Payment(Domain.Values.Msn.Create(msn).Value, PaymentReference.Create(reference).Value);

    public async ValueTask DisposeAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.DisposeAsync();
        }

        await _services.DisposeAsync();
        if (_ownsSimulator)
        {
            await Simulator.DisposeAsync();
        }
    }

    /// <summary>
    /// The activity as the engine calls it: the production body, with the row's wake-up (a time on the sagas' clock)
    /// converted into the engine's real time — the delay from the sagas' now, from the engine's now — so the
    /// orchestration's durable timer neither fires at once for a time in the fake past nor waits for a fake future.
    /// </summary>
    private async Task<string> AdvanceAsync(SagaActivities activities, string input)
    {
        Interlocked.Increment(ref _advances);
        try
        {
            var advance = SagaHostingJson.ReadAdvance(await activities.AdvanceAsync(input, _signaller));
            if (advance.WakeUpAt is { } at && at != DateTimeOffset.MinValue)
            {
                // At least a (sagas') second ahead: a wake-up the activity found not yet due is not run again at once.
                var delay = (at - _time.GetUtcNow()) / _clockSpeed;
                var least = TimeSpan.FromSeconds(1) / _clockSpeed;
                advance = advance with { WakeUpAt = TimeProvider.System.GetUtcNow() + (delay > least ? delay : least) };
            }

            return SagaHostingJson.Write(advance);
        }
        catch (Exception e)
        {
            _failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            throw;
        }
        finally
        {
            Interlocked.Exchange(ref _advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
