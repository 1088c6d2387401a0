using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Domain.Sagas;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Functions.Tests.Support;

/// <summary>
/// The Functions host's Durable side without the Functions runtime: the real <see cref="SagaOrchestration"/> and
/// <see cref="SagaActivityFunctions"/> registered on the in-process Durable Task test host, services wired as the host's
/// Program.cs wires them (real Azurite with own tables and queue, the simulator over real HTTP, the system clock, since
/// Durable timers run on real time), and messages handed in through <see cref="MessageSettlement"/> and
/// <see cref="DurableClientSagaSignaller"/> as the Service Bus triggers do.
/// </summary>
internal sealed class DurableHarness : IAsyncDisposable
{
    public const string Msn = SimulatorDefaults.NorwayMsn;

    private readonly ServiceProvider _services;

    private DurableHarness(ServiceProvider services, SimulatorHost simulator, DurableTaskTestHost host, string eventsQueue, ActivityCalls activities, LogRecorder logs)
    {
        _services = services;
        Simulator = simulator;
        Host = host;
        EventsQueue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(eventsQueue);
        Activities = activities;
        Logs = logs;
    }

    /// <summary>How often each activity ran and failed (as the Durable worker called it, retries included).</summary>
    public ActivityCalls Activities { get; }

    /// <summary>Warnings and errors the orchestration, activities and services logged.</summary>
    public LogRecorder Logs { get; }

    public SimulatorHost Simulator { get; }

    public DurableTaskTestHost Host { get; }

    public DurableTaskClient Client => Host.Client;

    public QueueClient EventsQueue { get; }

    public SagaStore Sagas => _services.GetRequiredService<SagaStore>();

    public SagaHandoff Handoff => _services.GetRequiredService<SagaHandoff>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>
    /// Starts everything; <paramref name="pollingFirstDelay"/> is a payment's or agreement's first poll after it is
    /// created; <paramref name="settings"/> override configuration (saga timing, Vipps resilience); <paramref name="clock"/>
    /// is the clock the sagas and the simulator share (the system clock unless told; Durable timers stay on real time).
    /// </summary>
    public static async Task<DurableHarness> StartAsync(
        TimeSpan pollingFirstDelay, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false, TimeProvider = clock });
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
            ["Sagas:Epayment:Polling:FirstDelay"] = pollingFirstDelay.ToString("c"),
            ["Sagas:Epayment:Polling:Interval"] = "00:00:01",
            ["Sagas:Epayment:Polling:MaxInterval"] = "00:00:02",
            ["Sagas:Agreement:Polling:FirstDelay"] = pollingFirstDelay.ToString("c"),
            ["Sagas:Agreement:Polling:Interval"] = "00:00:01",
            ["Sagas:Agreement:Polling:MaxInterval"] = "00:00:02",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();

        var logs = new LogRecorder();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(logs));
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddPaymentOrchestrator(configuration);
        services.AddSagaHosting(configuration);
        services.AddSagaActivities();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<OrchestratorStorage>().EnsureCreatedAsync();
        await provider.GetRequiredService<SalesUnitStore>().RegisterAsync(new SalesUnitRegistration(
            Domain.Values.Msn.Create(Msn).Value, "Shop " + Msn, Market.Norway, VippsEnvironment.Production, "partner", [Events.Source], SalesUnitStatus.Active));

        var functions = new SagaActivityFunctions(provider.GetRequiredService<SagaActivities>());
        var maintenance = new MaintenanceActivityFunctions(provider.GetRequiredService<MaintenanceActivities>());
        var activities = new ActivityCalls();
        DurableTaskTestHost? started = null;
        var host = await PaymentOrchestrator.Testing.Sagas.DurableTestHosts.StartAsync(
            registry => registry
                .AddSagaOrchestration(input =>
                    activities.TrackAsync(SagaOrchestrationNames.AdvanceActivity, () => functions.AdvanceAsync(input, started!.Client, CancellationToken.None)))
                // The Functions app's maintenance activity, its [DurableClient] being this host's client. Started only
                // by the tests that want it (MaintenanceStarter).
                .AddSagaMaintenance(input =>
                    activities.TrackAsync(SagaOrchestrationNames.MaintainActivity, () => maintenance.MaintainAsync(input, started!.Client, CancellationToken.None))),
            provider.GetRequiredService<ILoggerFactory>());
        started = host;
        return new DurableHarness(provider, simulator, host, eventsQueue, activities, logs);
    }

    /// <summary>Hands one message in as the Service Bus trigger does; returns how it was settled.</summary>
    public async Task<string> SendAsync(byte[] body, IReadOnlySet<string>? queue)
    {
        var settler = new RecordingSettler();
        await _services.GetRequiredService<MessageSettlement>().HandleAsync(
            body, queue, settler, new DurableClientSagaSignaller(Client).SignalAsync);
        return Assert.Single(settler.Calls);
    }

    public Task<string> RequestPaymentAsync(string reference, long amount) =>
        SendAsync(Events.PaymentRequested(Msn, reference, amount), EventTypeSets.PaymentRequests);

    /// <summary>A verified webhook, signalled as the webhook HTTP function does after routing it.</summary>
    public async Task WebhookAsync(SagaKey key, string eventName)
    {
        var ready = await Handoff.SignalAsync(key, new Domain.Sagas.WebhookReceived(eventName)) ?? throw new InvalidOperationException($"No saga {key}.");
        await new DurableClientSagaSignaller(Client).SignalAsync(ready.Progress, CancellationToken.None);
    }

    /// <summary>
    /// Hands the saga in again from its row alone, as a redelivered message or the local host's overdue sweep does:
    /// the orchestration applies a wake-up first (<see cref="SagaProgress.Resume"/>).
    /// </summary>
    public async Task HandInAgainAsync(SagaKey key) =>
        await new DurableClientSagaSignaller(Client).SignalAsync(SagaProgress.Resume(key, await Sagas.LoadAsync(key)), CancellationToken.None);

    public Task<EpaymentState> WaitForAsync(SagaKey key, Func<EpaymentState, bool> condition, TimeSpan? timeout = null) =>
        WaitForAsync<EpaymentState>(key, condition, timeout);

    /// <summary>Polls the saga row until <paramref name="condition"/> holds (30 s unless told).</summary>
    public async Task<TState> WaitForAsync<TState>(SagaKey key, Func<TState, bool> condition, TimeSpan? timeout = null)
        where TState : class, ISagaState
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        TState? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if ((await Sagas.LoadAsync(key))?.State is TState state)
            {
                last = state;
                if (condition(state))
                {
                    return state;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Saga {key} did not reach the expected state; last: {(last is null ? "none" : SagaStateJson.Serialize(last))}.");
    }

    /// <summary>Waits until <paramref name="condition"/> holds (60 s unless told); fails with <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException("Timed out waiting for: " + what);
            }

            await Task.Delay(200);
        }
    }

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

    /// <summary>Waits until an outcome of <paramref name="type"/> is on the events queue (60 s).</summary>
    public Task WaitForPublishedAsync(string type) =>
        EventuallyAsync(async () => (await PublishedTypesAsync()).Contains(type), $"an outcome {type} on the events queue");

    public static SagaKey PaymentKey(string reference) =>
        SagaKey.Payment(Domain.Values.Msn.Create(Msn).Value, PaymentReference.Create(reference).Value);

    public static SagaKey AgreementKey(string subscriptionId) =>
        SagaKey.Agreement(Domain.Values.Msn.Create(Msn).Value, SubscriptionId.Create(subscriptionId).Value);

    public static SagaKey ChargeKey(string chargeId) =>
        SagaKey.Charge(Domain.Values.Msn.Create(Msn).Value, ChargeId.Create(chargeId).Value);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    private sealed class RecordingSettler : IMessageSettler
    {
        public List<string> Calls { get; } = [];

        public Task CompleteAsync(CancellationToken cancellationToken)
        {
            Calls.Add("complete");
            return Task.CompletedTask;
        }

        public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken)
        {
            Calls.Add("dead-letter " + reason);
            return Task.CompletedTask;
        }
    }
}
