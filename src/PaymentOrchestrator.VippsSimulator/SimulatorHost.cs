using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PaymentOrchestrator.VippsSimulator;

/// <summary>
/// The simulator running in this process on http://127.0.0.1 — a free port for tests (cheap: start one per test class
/// or per test), or a fixed one for the local host.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Admin = new SimulatorAdminClient(baseAddress);
    }

    /// <summary>Root of the simulator, with a trailing slash, e.g. http://127.0.0.1:51234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Typed client of the <c>/simulator/</c> admin endpoints.</summary>
    public SimulatorAdminClient Admin { get; }

    /// <summary>The app's services, for tests that need to look inside.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts Kestrel on http://127.0.0.1:0 and returns when it accepts requests.</summary>
    public static Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, port: 0, quiet: false, cancellationToken);

    /// <summary>Starts Kestrel on http://127.0.0.1:<paramref name="port"/> (0: a free port); <paramref name="quiet"/> drops its logs.</summary>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options, int port, bool quiet, CancellationToken cancellationToken = default)
    {
        var app = SimulatorApplication.Create([], options ?? new SimulatorOptions(), builder =>
        {
            builder.WebHost.UseUrls(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
            if (quiet)
            {
                builder.Logging.ClearProviders();
            }
            else
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
            }
        });
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new SimulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HttpClient whose BaseAddress is <see cref="BaseAddress"/>; the caller disposes it.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
