using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>
/// The local host, started as <c>run</c> starts it (Azurite, the simulator in-process), over real HTTP. Once started and
/// seeded, its two queue workers are stopped: nothing in the suite sends to the work queues but a replay, and what a
/// replay sends stays there to be read (<see cref="ApiHost.WorkQueueMessagesAsync"/>).
/// </summary>
public sealed class LocalApiHost : ApiHost
{
    private LocalHost? _host;
    private HttpClient? _http;

    public override IServiceProvider Services => _host!.Services;

    protected override ISagaSignaller Signaller => Services.GetRequiredService<ISagaSignaller>();

    public override async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = HostStorageSettings.For(azurite.ConnectionString, Guid.NewGuid().ToString("N")[..10]);
        foreach (var (key, value) in SharedSettings("Local:ApiKeys"))
        {
            settings[key] = value;
        }

        settings["Local:Http:Port"] = "0";
        settings["Local:Simulator:Port"] = "0";
        settings["Local:Simulator:RateLimitsEnabled"] = "false";
        settings["Local:Webhooks:Register"] = "false";
        settings["Local:Queues:MaxIdleDelay"] = "00:00:00.200";
        _host = await LocalHost.StartAsync(new LocalHostOptions { Settings = settings, UseAmbientConfiguration = false, ConsoleLogLevel = null });
        _http = new HttpClient { BaseAddress = _host.BaseAddress };
        await SeedAsync(_host.Simulator!);
        foreach (var worker in _host.Services.GetServices<IHostedService>().OfType<QueueWorker>())
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    public override string PaymentRequestsQueue => Settings.Queues.PaymentRequests;

    public override string RefundRequestsQueue => Settings.Queues.RefundRequests;

    /// <summary>The wrapper the host's queue worker writes (<see cref="PoisonMessage"/>), on the queue it writes it to.</summary>
    public override async Task DeadLetterAsync(string workQueue, byte[] originalMessage, string reason, string description)
    {
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var wrapper = PoisonMessage.Create(workQueue, BinaryData.FromBytes(originalMessage), reason, description,
            messageId: Guid.NewGuid().ToString(), dequeueCount: 1, insertedOn: now, now);
        await Queues.GetQueueClient(QueueWorker.PoisonQueueName(workQueue)).SendMessageAsync(wrapper.ToBinary(), null, QueueLimits.NeverExpires);
    }

    public override async Task<IReadOnlyList<string>> WorkQueueMessagesAsync(string workQueue) =>
        [.. (await Queues.GetQueueClient(workQueue).PeekMessagesAsync(QueueLimits.MaxMessagesPerReceive)).Value.Select(m => m.Body.ToString())];

    public override async Task<ApiAnswer> SendAsync(
        HttpMethod method, string pathAndQuery, byte[]? body = null, string? contentType = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http!.SendAsync(request);
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            all[name] = string.Join(", ", values);
        }

        return new ApiAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), all, await response.Content.ReadAsStringAsync());
    }

    private LocalHostSettings Settings => Services.GetRequiredService<IOptions<LocalHostSettings>>().Value;

    private QueueServiceClient Queues => Services.GetRequiredService<QueueServiceClient>();

    public override async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
