using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
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

    private DurableHarness(ServiceProvider services, SimulatorHost simulator, DurableTaskTestHost host, string eventsQueue)
    {
        _services = services;
        Simulator = simulator;
        Host = host;
        EventsQueue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(eventsQueue);
    }

    public SimulatorHost Simulator { get; }

    public DurableTaskTestHost Host { get; }

    public DurableTaskClient Client => Host.Client;

    public QueueClient EventsQueue { get; }

    public SagaStore Sagas => _services.GetRequiredService<SagaStore>();

    public SagaHandoff Handoff => _services.GetRequiredService<SagaHandoff>();

    /// <summary>Starts everything; <paramref name="pollingFirstDelay"/> is the saga's first poll after a payment is created.</summary>
    public static async Task<DurableHarness> StartAsync(TimeSpan pollingFirstDelay)
    {
        var azurite = await SharedAzurite.GetAsync();
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
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
            ["Sagas:Epayment:Polling:FirstDelay"] = pollingFirstDelay.ToString("c"),
            ["Sagas:Epayment:Polling:Interval"] = "00:00:01",
            ["Sagas:Epayment:Polling:MaxInterval"] = "00:00:02",
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddPaymentOrchestrator(configuration);
        services.AddSagaHosting(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<OrchestratorStorage>().EnsureCreatedAsync();
        await provider.GetRequiredService<SalesUnitStore>().UpsertAsync(new SalesUnitRegistration(
            Domain.Values.Msn.Create(Msn).Value, "Shop " + Msn, Market.Norway, VippsEnvironment.Production, "partner", [Events.Source], SalesUnitStatus.Active));

        var functions = new SagaActivityFunctions(provider.GetRequiredService<SagaActivities>());
        var host = await DurableTaskTestHost.StartAsync(registry =>
        {
            // Typed input and a lambda: the untyped form hands GetInput<string>() a JsonElement, and a method group
            // crashes the Durable analyzers (build-environment-notes.md).
            registry.AddOrchestratorFunc<string>(OrchestratorNames.Durable.SagaOrchestrator, (context, _) => SagaOrchestration.RunAsync(context));
            registry.AddActivityFunc<string, string>(OrchestratorNames.Durable.ExecuteActivity, (_, input) => functions.ExecuteAsync(input!, CancellationToken.None));
            registry.AddActivityFunc<string, string>(OrchestratorNames.Durable.ApplyActivity, (_, input) => functions.ApplyAsync(input!, CancellationToken.None));
            registry.AddActivityFunc<string, int>(HostingNames.PublishActivity, (_, input) => functions.PublishAsync(input!, CancellationToken.None));
        });
        return new DurableHarness(provider, simulator, host, eventsQueue);
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

    public async Task<EpaymentState> WaitForAsync(SagaKey key, Func<EpaymentState, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        EpaymentState? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if ((await Sagas.LoadAsync(key))?.State is EpaymentState state)
            {
                last = state;
                if (condition(state))
                {
                    return state;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Saga {key} did not reach the expected state; last: {last?.Status.ToString() ?? "none"}.");
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

    public static SagaKey PaymentKey(string reference) =>
        SagaKey.Payment(Domain.Values.Msn.Create(Msn).Value, PaymentReference.Create(reference).Value);

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
