using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>An answer as the client sees it: status, headers, content type and body.</summary>
public sealed record ApiAnswer(int Status, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// One host under the conformance suite, with the same data: sales unit A (<see cref="MsnA"/>) binds the webshop source
/// (<see cref="Events.Source"/>, the webshop's rights) and <see cref="SourceA"/> (finance's rights), sales unit B binds the
/// webshop source and <see cref="SourceB"/>; each has one captured payment of 300.00 NOK made through the real saga and
/// the simulator. Key A acts as source A, key B as source B, the webshop key as the webshop source; the manager key manages sales units (and binds no unit). Webhooks are signed with <see cref="WebhookSecret"/> for <see cref="WebhookUrl"/>.
/// </summary>
public abstract class ApiHost : IAsyncLifetime
{
    public const string MsnA = SimulatorDefaults.NorwayMsn;
    public const string MsnB = SimulatorDefaults.DenmarkMsn;
    public const string SourceA = "finance/a";
    public const string SourceB = "finance/b";
    public const string KeyA = "key-a-0123456789abcdef";
    public const string KeyB = "key-b-0123456789abcdef";
    public const string KeyWebshop = "key-w-0123456789abcdef";
    public const string KeyManager = "key-m-0123456789abcdef";
    public const string WebhookSecret = "webhook-secret-0123456789";
    public const long Captured = 30000;

    public static readonly Uri WebhookUrl = new("https://orchestrator.example/api/vipps/webhooks");

    public string PaymentA { get; } = Events.NewReference("conf-a");

    public string PaymentB { get; } = Events.NewReference("conf-b");

    public abstract IServiceProvider Services { get; }

    /// <summary>The settings both hosts share (keys, webhook registration, the sections the hosts read them from).</summary>
    protected static Dictionary<string, string?> SharedSettings(string keysSection) => new()
    {
        [$"{keysSection}:0:Name"] = "finance-a",
        [$"{keysSection}:0:Key"] = KeyA,
        [$"{keysSection}:0:Source"] = SourceA,
        [$"{keysSection}:1:Name"] = "finance-b",
        [$"{keysSection}:1:Key"] = KeyB,
        [$"{keysSection}:1:Source"] = SourceB,
        [$"{keysSection}:2:Name"] = "webshop",
        [$"{keysSection}:2:Key"] = KeyWebshop,
        [$"{keysSection}:2:Source"] = Events.Source,
        [$"{keysSection}:3:Name"] = "partner-admin",
        [$"{keysSection}:3:Key"] = KeyManager,
        [$"{keysSection}:3:Source"] = "console/partner",
        [$"{keysSection}:3:ManagesSalesUnits"] = "true",
        ["Webhooks:Registrations:0:Url"] = WebhookUrl.ToString(),
        ["Webhooks:Registrations:0:Secret"] = WebhookSecret,
        ["Vipps:System:Name"] = "paymentorchestrator-tests",
        ["Vipps:System:Version"] = "1.0.0",
    };

    /// <summary>Sends one request as a client would and returns the answer.</summary>
    public abstract Task<ApiAnswer> SendAsync(
        HttpMethod method, string pathAndQuery, byte[]? body = null, string? contentType = null, IReadOnlyDictionary<string, string>? headers = null);

    public abstract Task InitializeAsync();

    /// <summary>The host's work queue of payment requests, by the name the dead-letter routes take (<c>{queue}</c>).</summary>
    public abstract string PaymentRequestsQueue { get; }

    /// <summary>The host's work queue of refund requests, by the name the dead-letter routes take (<c>{queue}</c>).</summary>
    public abstract string RefundRequestsQueue { get; }

    /// <summary>
    /// Puts <paramref name="originalMessage"/> on the dead letters of <paramref name="workQueue"/> with its reason and
    /// description, as the host's transport leaves a message its queue trigger refused: the local host a wrapper on the
    /// <c>&lt;queue&gt;-poison</c> Storage queue, the Functions app a message in the Service Bus queue's dead-letter sub-queue.
    /// </summary>
    public abstract Task DeadLetterAsync(string workQueue, byte[] originalMessage, string reason, string description);

    /// <summary>
    /// The messages <paramref name="workQueue"/> holds now as UTF-8 text, oldest first (at most 32): what replays sent
    /// back. Neither test host consumes its work queues, so they stay there to be read: the Functions test host has no
    /// Service Bus triggers, and the local host's queue workers are stopped once it has started.
    /// </summary>
    public abstract Task<IReadOnlyList<string>> WorkQueueMessagesAsync(string workQueue);

    public abstract Task DisposeAsync();

    public Task<StoredSaga?> LoadAsync(string msn, string reference) =>
        Services.GetRequiredService<SagaStore>().LoadAsync(SagaKey.Payment(Msn.Create(msn).Value, PaymentReference.Create(reference).Value));

    /// <summary>Every capture and refund of a payment, from their own rows.</summary>
    public Task<SagaOperations> PaymentOperationsAsync(string msn, string reference) =>
        Services.GetRequiredService<SagaStore>().ListOperationsAsync(SagaKey.Payment(Msn.Create(msn).Value, PaymentReference.Create(reference).Value));

    /// <summary>Registers both sales units and captures one payment in each, through the real saga and the simulator.</summary>
    protected async Task SeedAsync(SimulatorHost simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var units = Services.GetRequiredService<SalesUnitStore>();
        await units.RegisterAsync(new SalesUnitRegistration(Msn.Create(MsnA).Value, "Shop A", Market.Norway, VippsEnvironment.Production, "partner",
            [Events.Source, SourceA], SalesUnitStatus.Active, Rights(SourceA)));
        await units.RegisterAsync(new SalesUnitRegistration(Msn.Create(MsnB).Value, "Shop B", Market.Denmark, VippsEnvironment.Production, "partner",
            [Events.Source, SourceB], SalesUnitStatus.Active, Rights(SourceB)));
        await CaptureAsync(simulator, MsnA, PaymentA, "NOK");
        await CaptureAsync(simulator, MsnB, PaymentB, "DKK");
    }

    private static Dictionary<string, SourceRights> Rights(string finance) =>
        new(StringComparer.Ordinal) { [Events.Source] = SourceRights.Webshop, [finance] = SourceRights.Finance };

    /// <summary>The host's hand-off to its Durable engine (the local host's own worker; the Functions test host's client).</summary>
    protected abstract ISagaSignaller Signaller { get; }

    private async Task CaptureAsync(SimulatorHost simulator, string msn, string reference, string currency)
    {
        var handoff = Services.GetRequiredService<SagaHandoff>();
        var key = SagaKey.Payment(Msn.Create(msn).Value, PaymentReference.Create(reference).Value);
        await HandInAsync(handoff, Events.PaymentRequested(msn, reference, Captured, currency), EventTypeSets.PaymentRequests);
        await ApproveWhenCreatedAsync(simulator, msn, reference);
        var authorized = await handoff.SignalAsync(key, new WebhookReceived("epayments.payment.authorized.v1"));
        await Signaller.SignalAsync(Assert.IsType<HandoffReady>(authorized).Progress, CancellationToken.None);
        await WaitForAsync(msn, reference, a => a.Authorized.MinorUnits == Captured);
        await HandInAsync(handoff, Events.CaptureRequested(msn, reference, "capture-1", Captured, currency), null);
        await WaitForAsync(msn, reference, a => a.Captured.MinorUnits == Captured);
    }

    /// <summary>
    /// Waits until the payment's saga has no command left in its outbox: work a test started (refunds it accepted) is
    /// done, so the next test of the class sees a saga at rest.
    /// </summary>
    public Task WaitUntilIdleAsync(string msn, string reference) =>
        WaitForRowAsync(msn, reference, saga => saga.State.Core.Outbox.IsEmpty);

    // The saga reads the payment back and captures on the engine's time: wait for its row to show it.
    private Task WaitForAsync(string msn, string reference, Func<PaymentAggregate, bool> reached) =>
        WaitForRowAsync(msn, reference, saga => reached(AggregateOf(saga)));

    private async Task WaitForRowAsync(string msn, string reference, Func<StoredSaga, bool> reached)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (!reached((await LoadAsync(msn, reference))!) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(reached((await LoadAsync(msn, reference))!), $"saga {msn}/{reference} did not get there within 60 s");
    }

    // The engine creates the payment at Vipps on its own time: approve it once the simulator knows it.
    private static async Task ApproveWhenCreatedAsync(SimulatorHost simulator, string msn, string reference)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await simulator.Admin.ApprovePaymentAsync(msn, reference);
                return;
            }
            catch (HttpRequestException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    // As a queue trigger hands a message in: apply it to the saga row, then signal the engine.
    private async Task HandInAsync(SagaHandoff handoff, byte[] body, IReadOnlySet<string>? allowedTypes) =>
        await Signaller.SignalAsync(Assert.IsType<HandoffReady>(await handoff.AcceptAsync(body, allowedTypes)).Progress, CancellationToken.None);

    private static PaymentAggregate AggregateOf(StoredSaga saga) => ((EpaymentState)saga.State).Aggregate;
}
