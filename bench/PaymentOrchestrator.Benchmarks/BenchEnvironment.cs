using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PaymentOrchestrator.Azurite;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// Azurite (own instance, free ports, in memory) and the Vipps simulator in its own process (so that the memory and
/// CPU of this process are the orchestrator's, not the simulator's). Both stop when this is disposed.
/// </summary>
internal sealed class BenchEnvironment : IAsyncDisposable
{
    private readonly Process _simulator;

    private BenchEnvironment(AzuriteServer azurite, Process simulator, Uri simulatorAddress)
    {
        Azurite = azurite;
        _simulator = simulator;
        SimulatorAddress = simulatorAddress;
        Admin = new SimulatorAdminClient(simulatorAddress);
    }

    public AzuriteServer Azurite { get; }

    public Uri SimulatorAddress { get; }

    public SimulatorAdminClient Admin { get; }

    public static async Task<BenchEnvironment> StartAsync(CancellationToken cancellationToken)
    {
        var azurite = await AzuriteServer.StartAsync(AzuriteOptions.ForTests, cancellationToken);
        try
        {
            var port = FreePort();
            var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
            var dll = Path.Combine(AppContext.BaseDirectory, "PaymentOrchestrator.VippsSimulator.dll");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            foreach (var arg in new[]
                     {
                         dll, "--urls", address.ToString().TrimEnd('/'), "--Simulator:RateLimitsEnabled", "false",
                         "--Logging:LogLevel:Default", "Warning", "--Simulator:RandomSeed", "8",
                     })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the simulator process.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var environment = new BenchEnvironment(azurite, process, address);
            var waited = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await environment.Admin.GetTimeAsync(cancellationToken);
                    return environment;
                }
                catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
                {
                    await Task.Delay(200, cancellationToken);
                }
            }
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (!_simulator.HasExited)
        {
            _simulator.Kill(entireProcessTree: true);
            await _simulator.WaitForExitAsync();
        }

        _simulator.Dispose();
        await Azurite.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
