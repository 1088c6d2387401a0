using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace PaymentOrchestrator.Azurite;

/// <summary>
/// One running Azurite: three <c>node tools/azurite/launch.js --service blob|queue|table</c> processes, one per service
/// (launch.js runs that service of Azurite in-process and exits when our stdin closes, so none can outlive us). One
/// Node thread per service: the table service's saves and the queue service's work no longer wait for each other.
/// Started with <see cref="StartAsync"/>, which returns once blob, queue and table all listen; stopped with
/// <see cref="DisposeAsync"/>. In memory (no <see cref="AzuriteOptions.DataDirectory"/>) the queue service still keeps
/// its messages on disk, in a scratch folder removed on dispose: Azurite's in-memory queue store collects deleted
/// messages in a pass that froze the emulator for minutes under load (docs/performance.md).
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    /// <summary>The well-known development account every Azurite accepts.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known development account key (public, documented by Microsoft; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly string[] Services = ["Blob", "Queue", "Table"];

    private readonly IReadOnlyList<Process> _processes;
    private readonly StringBuilder _log;
    private readonly string? _scratch;
    private int _stopped;

    private AzuriteServer(IReadOnlyList<Process> processes, StringBuilder log, string? scratch, int blobPort, int queuePort, int tablePort)
    {
        _processes = processes;
        _log = log;
        _scratch = scratch;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Port of the Blob service.</summary>
    public int BlobPort { get; }

    /// <summary>Port of the Queue service.</summary>
    public int QueuePort { get; }

    /// <summary>Port of the Table service.</summary>
    public int TablePort { get; }

    /// <summary>The Node process ids of the Blob, Queue and Table services, in that order (no children of their own).</summary>
    public IReadOnlyList<int> ProcessIds => [.. _processes.Select(p => p.Id)];

    /// <summary>Blob endpoint (path-style, with the account name).</summary>
    public Uri BlobEndpoint => Endpoint(BlobPort);

    /// <summary>Queue endpoint (path-style, with the account name).</summary>
    public Uri QueueEndpoint => Endpoint(QueuePort);

    /// <summary>Table endpoint (path-style, with the account name).</summary>
    public Uri TableEndpoint => Endpoint(TablePort);

    /// <summary>A storage connection string for this instance.</summary>
    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <summary>The connection string of an Azurite on 127.0.0.1 with these ports (the well-known, public account key).</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={Endpoint(blobPort)};QueueEndpoint={Endpoint(queuePort)};TableEndpoint={Endpoint(tablePort)};");

    /// <summary>What Azurite printed so far (for diagnostics).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>True while all three services' processes run.</summary>
    public bool IsRunning => _processes.All(p => !p.HasExited);

    /// <summary>Installs Azurite if needed, starts its three services and waits until all of them listen.</summary>
    public static async Task<AzuriteServer> StartAsync(AzuriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= AzuriteOptions.ForTests;
        var tools = AzuriteInstallation.LocateToolsDirectory(options.ToolsDirectory);
        if (options.InstallIfMissing)
        {
            await AzuriteInstallation.EnsureInstalledAsync(tools, options.InstallTimeout, cancellationToken);
        }
        else if (!AzuriteInstallation.IsInstalled(tools))
        {
            throw new AzuriteException($"Azurite is not installed: run 'npm ci' in {tools}.");
        }

        if (options.DataDirectory is { } data)
        {
            Directory.CreateDirectory(data);
        }

        var scratch = options.DataDirectory is null
            ? Directory.CreateTempSubdirectory("azurite-queues-").FullName
            : null;
        var log = new StringBuilder();
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                    if (ports.Count == Services.Length)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        var processes = new List<Process>();
        try
        {
            foreach (var service in Services)
            {
                var process = StartService(tools, service, options, scratch);
                processes.Add(process);
                process.OutputDataReceived += (_, e) => OnLine(e.Data);
                process.ErrorDataReceived += (_, e) => OnLine(e.Data);
                process.EnableRaisingEvents = true;
                process.Exited += (_, _) => ready.TrySetException(new AzuriteException($"Azurite's {service} service exited while starting."));
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
            }

            await ready.Task.WaitAsync(options.StartTimeout, cancellationToken);
            AzuriteServer server;
            lock (log)
            {
                server = new AzuriteServer(processes, log, scratch, ports["Blob"], ports["Queue"], ports["Table"]);
            }

            await server.WaitUntilListeningAsync(cancellationToken);
            return server;
        }
        catch (Exception e) when (e is TimeoutException or AzuriteException or OperationCanceledException or SocketException)
        {
            string output;
            lock (log)
            {
                output = log.ToString();
            }

            foreach (var process in processes)
            {
                Kill(process);
                process.Dispose();
            }

            DeleteScratch(scratch);
            if (e is OperationCanceledException || processes.Count < Services.Length)
            {
                throw;
            }

            var hint = options.UseFreePorts
                ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $" If the ports {options.BlobPort}, {options.QueuePort}, {options.TablePort} are taken, stop the other Azurite or point Storage:ConnectionString at it.");
            throw new AzuriteException($"Azurite did not start within {options.StartTimeout.TotalSeconds:0} s.{hint}\n{output}", e);
        }
    }

    /// <summary>Stops the three services gracefully (stdin closed: each writes its databases and exits), killing any
    /// that lingers; then removes the in-memory mode's scratch folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            await Task.WhenAll(_processes.Select(StopAsync));
        }
        finally
        {
            foreach (var process in _processes)
            {
                process.Dispose();
            }

            DeleteScratch(_scratch);
        }

        static async Task StopAsync(Process process)
        {
            if (process.HasExited)
            {
                return;
            }

            process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
            }
        }
    }

    private static Process StartService(string tools, string service, AzuriteOptions options, string? scratch)
    {
        // In a session of its own where setsid exists (it execs node in place, so still one process): a terminal's
        // Ctrl+C or hang-up then reaches only the host, whose graceful stop closes Azurite's stdin, and Azurite writes
        // its data before it exits instead of dying with the process group.
        var setsid = SetsidExecutable();
        var psi = new ProcessStartInfo(setsid ?? options.NodeExecutable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.DataDirectory ?? Path.GetTempPath(),
        };
        if (setsid is not null)
        {
            psi.ArgumentList.Add(options.NodeExecutable);
        }

        psi.ArgumentList.Add(Path.Combine(tools, AzuriteInstallation.LauncherFile));
        foreach (var arg in Arguments(service, options, scratch))
        {
            psi.ArgumentList.Add(arg);
        }

        // launch.js removes this folder itself when it exits after its stdin closed: a host or test process that dies
        // without disposing us leaves no scratch folder behind.
        if (service == "Queue" && options.DataDirectory is null && scratch is not null)
        {
            psi.Environment["AZURITE_SCRATCH_LOCATION"] = scratch;
        }

        if (options.SaveDelay > TimeSpan.Zero)
        {
            psi.Environment["AZURITE_SAVE_DELAY_MS"] = ((long)options.SaveDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }

        try
        {
            return Process.Start(psi) ?? throw new AzuriteException("node could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AzuriteException($"'{options.NodeExecutable}' was not found: install Node.js 20 or newer.", e);
        }
    }

    private static void DeleteScratch(string? scratch)
    {
        try
        {
            if (scratch is not null && Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover in the temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    private static string? SetsidExecutable() =>
        OperatingSystem.IsLinux()
            ? new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists)
            : null;

    private static IEnumerable<string> Arguments(string service, AzuriteOptions options, string? scratch)
    {
        yield return "--service";
        yield return service.ToLowerInvariant();
        yield return "--disableTelemetry";
        yield return "--silent";

        // The Durable Task Framework's blob client (leases of the local host's task hub) speaks a newer service version
        // than Azurite 3.35 accepts; the table and queue clients pin versions Azurite knows.
        yield return "--skipApiVersionCheck";
        var port = service switch
        {
            "Blob" => options.BlobPort,
            "Queue" => options.QueuePort,
            _ => options.TablePort,
        };
        yield return "--" + service.ToLowerInvariant() + "Port";
        yield return options.UseFreePorts ? "0" : port.ToString(CultureInfo.InvariantCulture);

        // Every service in one data folder: their files have distinct names, the same layout as one Azurite writes.
        if ((options.DataDirectory ?? (service == "Queue" ? scratch : null)) is { } location)
        {
            yield return "--location";
            yield return location;
        }
        else
        {
            yield return "--inMemoryPersistence";
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static Uri Endpoint(int port) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/{AccountName}"));

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
