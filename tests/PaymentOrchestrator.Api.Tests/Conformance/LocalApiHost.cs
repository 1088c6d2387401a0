using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>The local host, started as <c>run</c> starts it (Azurite, the simulator in-process), over real HTTP.</summary>
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
    }

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

    public override async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
