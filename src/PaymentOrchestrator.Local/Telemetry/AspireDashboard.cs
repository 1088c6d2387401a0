using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace PaymentOrchestrator.Local.Telemetry;

/// <summary>
/// The Aspire dashboard, started from its NuGet package (Aspire.Dashboard.Sdk.linux-x64, restored like any other
/// package: nothing is downloaded at run time) on loopback, without sign-in, until disposed. It receives OTLP/gRPC on
/// <see cref="OtlpEndpoint"/> and shows traces, metrics and structured logs on <see cref="Url"/>.
/// </summary>
public sealed class AspireDashboard : IAsyncDisposable
{
    private const string PackageMetadataKey = "AspireDashboardPackage";

    private readonly Process _process;

    private AspireDashboard(Process process, Uri url, Uri otlpEndpoint)
    {
        _process = process;
        Url = url;
        OtlpEndpoint = otlpEndpoint;
    }

    /// <summary>The dashboard's page.</summary>
    public Uri Url { get; }

    /// <summary>Where the host exports to (OTLP over gRPC).</summary>
    public Uri OtlpEndpoint { get; }

    /// <summary>The dashboard's executable in the restored package, or null when this build has none (another OS, or not restored).</summary>
    public static string? Executable()
    {
        var package = typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == PackageMetadataKey)?.Value;
        if (string.IsNullOrEmpty(package) || !OperatingSystem.IsLinux() || RuntimeInformationIsNotX64())
        {
            return null;
        }

        var path = Path.Combine(package, "tools", "Aspire.Dashboard");
        return File.Exists(path) ? path : null;
    }

    /// <summary>Starts the dashboard and waits until its page answers.</summary>
    /// <param name="port">Its page's port; 0 picks a free one.</param>
    /// <param name="otlpPort">Its OTLP/gRPC port; 0 picks a free one.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="InvalidOperationException">No dashboard in this build, or it did not start (its last output line says why).</exception>
    public static async Task<AspireDashboard> StartAsync(int port, int otlpPort, CancellationToken cancellationToken = default)
    {
        var executable = Executable() ?? throw new InvalidOperationException(
            "The Aspire dashboard is not in this build: it comes from the NuGet package Aspire.Dashboard.Sdk.linux-x64, which runs on Linux x64 only.");
        // A port in use (another dashboard, a second run) would answer the wait below for a dashboard that is not ours.
        EnsureFree(port, "Local:Telemetry:DashboardPort");
        EnsureFree(otlpPort, "Local:Telemetry:DashboardOtlpPort");
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{(port == 0 ? FreePort() : port)}"));
        var otlp = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{(otlpPort == 0 ? FreePort() : otlpPort)}"));
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = otlp.ToString();
        // Loopback only, one developer's machine: no sign-in token to copy from the dashboard's output.
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The Aspire dashboard did not start.");
        var lastLine = "";
        process.OutputDataReceived += (_, e) => lastLine = e.Data ?? lastLine;
        process.ErrorDataReceived += (_, e) => lastLine = e.Data ?? lastLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dashboard = new AspireDashboard(process, url, otlp);
        try
        {
            await dashboard.WaitUntilAnsweringAsync(() => lastLine, cancellationToken);
            return dashboard;
        }
        catch
        {
            await dashboard.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilAnsweringAsync(Func<string> lastLine, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Aspire dashboard stopped at start (exit code {_process.ExitCode}): {lastLine()}");
            }

            try
            {
                using var response = await http.GetAsync(Url, cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new InvalidOperationException($"The Aspire dashboard did not answer on {Url} within 60 s: {lastLine()}");
    }

    private static bool RuntimeInformationIsNotX64() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64;

    private static void EnsureFree(int port, string setting)
    {
        if (port == 0)
        {
            return;
        }

        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"Port {port} for the Aspire dashboard is in use (another dashboard or run?): stop it, or set {setting} to another port (0 picks a free one)."));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
