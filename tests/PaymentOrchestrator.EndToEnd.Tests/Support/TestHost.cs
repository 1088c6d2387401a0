using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Events;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Queries;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.EndToEnd.Tests.Support;

/// <summary>
/// A <see cref="LocalHost"/> as the end-to-end tests run it: the process-wide Azurite with this host's own tables and
/// queues, the in-process simulator (or an external one), free ports, quick polling, and a finance API key.
/// </summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string Msn = "123456";
    public const string FinanceKey = "finance-key-0123456789abcdef";
    public const string OtherFinanceKey = "other-finance-key-0123456789";
    public const string WebshopKey = "webshop-key-0123456789abcdef";

    private TestHost(LocalHost host, string suffix, Dictionary<string, string?> settings)
    {
        Host = host;
        Suffix = suffix;
        SettingsUsed = settings;
        Http = new HttpClient { BaseAddress = host.BaseAddress };
        Webshop = new EventFactory(host.Services.GetRequiredService<TimeProvider>(), LocalDefaults.WebshopSource);
    }

    public LocalHost Host { get; }

    public string Suffix { get; }

    public Dictionary<string, string?> SettingsUsed { get; }

    public HttpClient Http { get; }

    public EventFactory Webshop { get; }

    public SimulatorAdminClient Admin => Host.Simulator?.Admin ?? throw new InvalidOperationException("No in-process simulator.");

    public LocalHostSettings Settings => Host.Settings;

    public QueueServiceClient Queues => Host.Services.GetRequiredService<QueueServiceClient>();

    public QueueClient PaymentRequests => Queues.GetQueueClient(Settings.Queues.PaymentRequests);

    public QueueClient RefundRequests => Queues.GetQueueClient(Settings.Queues.RefundRequests);


    public SagaQueries Queries => Host.Services.GetRequiredService<SagaQueries>();

    /// <summary>
    /// Starts a host. <paramref name="suffix"/> names its tables and queues (pass the same one to restart on the same
    /// data); <paramref name="settings"/> override the defaults below.
    /// </summary>
    /// <param name="configureServices">Extra registrations (a log capture …), applied before the host's own.</param>
    /// <param name="telemetry">Telemetry exporters (in-memory ones in tests); given, telemetry is on.</param>
    public static async Task<TestHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, string? suffix = null, Action<IServiceCollection>? configureServices = null,
        Action<OpenTelemetry.IOpenTelemetryBuilder>? telemetry = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        suffix ??= Guid.NewGuid().ToString("N")[..10];
        var all = HostStorageSettings.For(azurite.ConnectionString, suffix);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Local:Queues:MaxIdleDelay"] = "00:00:00.200",
            ["Local:Queues:MaxDequeueCount"] = "3",
            ["Local:Queues:RetryDelay"] = "00:00:00.500",
            ["Local:Http:Port"] = "0",
            ["Local:Simulator:Port"] = "0",
            ["Local:Simulator:RateLimitsEnabled"] = "false",
            ["Local:ShutdownTimeout"] = "00:00:20",
            ["Local:ApiKeys:0:Name"] = "finance",
            ["Local:ApiKeys:0:Key"] = FinanceKey,
            ["Local:ApiKeys:0:Source"] = LocalDefaults.FinanceSource,
            ["Local:ApiKeys:1:Name"] = "other-finance",
            ["Local:ApiKeys:1:Key"] = OtherFinanceKey,
            ["Local:ApiKeys:1:Source"] = "finance/other",
            ["Local:ApiKeys:2:Name"] = "webshop",
            ["Local:ApiKeys:2:Key"] = WebshopKey,
            ["Local:ApiKeys:2:Source"] = LocalDefaults.WebshopSource,
            // Quick polling so that the polling path does not slow the suite down (Vipps' guidance is 5 s, then 2 s).
            ["Sagas:Epayment:Polling:FirstDelay"] = "00:00:01",
            ["Sagas:Epayment:Polling:Interval"] = "00:00:01",
            ["Sagas:Epayment:Polling:MaxInterval"] = "00:00:02",
            ["Sagas:Agreement:Polling:FirstDelay"] = "00:00:01",
            ["Sagas:Agreement:Polling:Interval"] = "00:00:01",
            ["Sagas:Agreement:Polling:MaxInterval"] = "00:00:02",
            ["Sagas:Charge:FirstReadDelay"] = "00:00:01",
        })
        {
            all[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            // null removes a default (e.g. the API keys, so that the host makes a session key).
            if (value is null)
            {
                all.Remove(key);
            }
            else
            {
                all[key] = value;
            }
        }

        var host = await LocalHost.StartAsync(new LocalHostOptions
        {
            Settings = all, UseAmbientConfiguration = false, ConsoleLogLevel = null, ConfigureServices = configureServices, ConfigureTelemetry = telemetry,
        });
        return new TestHost(host, suffix, all);
    }

    public Task SendAsync(QueueClient queue, byte[] cloudEvent) => queue.SendMessageAsync(BinaryData.FromBytes(cloudEvent));

    public static SagaKey PaymentKey(string reference) => SagaKey.Payment(Domain.Values.Msn.Create(Msn).Value, PaymentReference.Create(reference).Value);

    public static string NewReference(string prefix = "order") => $"{prefix}-{Guid.NewGuid():N}"[..30];

    /// <summary>A payment of <paramref name="amount"/> NOK minor units, requested and captured over the queue, approved at the simulator.</summary>
    public async Task<SagaKey> CapturedPaymentAsync(string reference, long amount)
    {
        var key = PaymentKey(reference);
        await SendAsync(PaymentRequests, Webshop.PaymentRequested(Msn, reference, amount, "NOK"));
        await EventuallyAsync(key, v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
        await Admin.ApprovePaymentAsync(Msn, reference);
        await EventuallyAsync(key, v => v.Summary.Status == "Authorized", "Authorized");
        await SendAsync(PaymentRequests, Webshop.PaymentCaptureRequested(Msn, reference, "ship-1", amount, "NOK"));
        await EventuallyAsync(key, v => v.Summary.CapturedMinorUnits == amount, "captured");
        return key;
    }

    /// <summary>Waits (bounded, generous) until the saga satisfies <paramref name="condition"/>.</summary>
    public async Task<SagaView> EventuallyAsync(SagaKey key, Func<SagaView, bool> condition, string what, int seconds = 60)
    {
        SagaView? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline;)
        {
            last = await Queries.GetAsync(key);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"Saga {key} did not reach '{what}' within {seconds} s; it is {last?.Summary.Status ?? "missing"}. Timeline:\n"
            + string.Join("\n", last?.Timeline.Select(t => $"  {t.Sequence} {t.Kind} {t.Type}: {t.Summary}") ?? []));
    }

    /// <summary>Waits until <paramref name="probe"/> returns a value.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, int seconds = 60) where T : class
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline;)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"Not reached within {seconds} s: {what}.");
    }

    /// <summary>The next poison message of <paramref name="queue"/>'s poison queue (waits for it).</summary>
    public Task<PoisonMessage> PoisonedAsync(QueueClient queue, Func<PoisonMessage, bool>? match = null) =>
        EventuallyAsync(async () =>
        {
            var poison = Queues.GetQueueClient(QueueWorker.PoisonQueueName(queue.Name));
            return (await poison.PeekMessagesAsync(32)).Value.Select(p => PoisonMessage.TryParse(p.Body)).FirstOrDefault(p => p is not null && (match?.Invoke(p) ?? true));
        }, $"a poison message on {queue.Name}-poison");

    /// <summary>The outcome event types on payment-events so far.</summary>
    /// <summary>
    /// The outcome types on the outcome queue (peeked), once every one of <paramref name="expected"/> is there: the
    /// saga's orchestration publishes after it saved the row, so a row's new status can be read a moment before its
    /// outcome. Returns what is there after 30 s otherwise, for the caller's assertion to show.
    /// </summary>
    public async Task<IReadOnlyList<string>> OutcomeTypesAsync(params string[] expected)
    {
        IReadOnlyList<string> types = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            types = await PeekOutcomeTypesAsync();
            if (expected.All(types.Contains))
            {
                break;
            }
        }

        return types;
    }

    private async Task<IReadOnlyList<string>> PeekOutcomeTypesAsync()
    {
        var queue = Queues.GetQueueClient(Host.Services.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentEventsQueue);
        return [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => JsonDocument.Parse(m.Body.ToMemory()).RootElement.GetProperty("type").GetString()!)];
    }

    public async Task<HttpResponseMessage> PostRefundAsync(object body, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, OrchestratorNames.Routes.Refunds) { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add(LocalDefaults.ApiKeyHeader, apiKey);
        }

        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? apiKey = FinanceKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add(LocalDefaults.ApiKeyHeader, apiKey);
        }

        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
