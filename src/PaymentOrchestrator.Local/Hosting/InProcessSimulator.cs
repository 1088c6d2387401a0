using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Local.Hosting;

/// <summary>The Vipps simulator running inside the local host's process on 127.0.0.1 (a fixed port for <c>run</c>, a free one for tests).</summary>
public sealed class InProcessSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSimulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Admin = new SimulatorAdminClient(baseAddress);
    }

    /// <summary>Root of the simulator with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The simulator's admin API: approve, reject, expire, counters, faults.</summary>
    public SimulatorAdminClient Admin { get; }

    public static async Task<InProcessSimulator> StartAsync(SimulatorOptions options, int port, CancellationToken cancellationToken = default)
    {
        var app = SimulatorApplication.Create([], options, builder =>
        {
            builder.WebHost.UseUrls(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
            builder.Logging.ClearProviders();
        });
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new InProcessSimulator(app, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
