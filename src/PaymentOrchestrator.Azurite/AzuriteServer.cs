using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace PaymentOrchestrator.Azurite;

/// <summary>
/// One running Azurite: a single <c>node tools/azurite/launch.js</c> process (launch.js runs azurite.js in-process and
/// exits when our stdin closes, so it cannot outlive us). Started with <see cref="StartAsync"/>, which returns once
/// blob, queue and table all listen; stopped with <see cref="DisposeAsync"/>.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    /// <summary>The well-known development account every Azurite accepts.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known development account key (public, documented by Microsoft; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly StringBuilder _log;
    private int _stopped;

    private AzuriteServer(Process process, StringBuilder log, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _log = log;
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

    /// <summary>The Node process id (one process; no children).</summary>
    public int ProcessId => _process.Id;

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

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Installs Azurite if needed, starts it and waits until all three services listen.</summary>
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
        };
        if (setsid is not null)
        {
            psi.ArgumentList.Add(options.NodeExecutable);
        }

        psi.ArgumentList.Add(Path.Combine(tools, AzuriteInstallation.LauncherFile));
        foreach (var arg in Arguments(options))
        {
            psi.ArgumentList.Add(arg);
        }

        if (options.DataDirectory is { } data)
        {
            Directory.CreateDirectory(data);
            psi.WorkingDirectory = data;
        }
        else
        {
            psi.WorkingDirectory = Path.GetTempPath();
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new AzuriteException("node could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AzuriteException($"'{options.NodeExecutable}' was not found: install Node.js 20 or newer.", e);
        }

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
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new AzuriteException("Azurite exited while starting."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = (AzuriteServer?)null;
        try
        {
            await ready.Task.WaitAsync(options.StartTimeout, cancellationToken);
            lock (log)
            {
                server = new AzuriteServer(process, log, ports["Blob"], ports["Queue"], ports["Table"]);
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

            Kill(process);
            process.Dispose();
            if (e is OperationCanceledException)
            {
                throw;
            }

            var hint = options.UseFreePorts
                ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $" If the ports {options.BlobPort}, {options.QueuePort}, {options.TablePort} are taken, stop the other Azurite or point Storage:ConnectionString at it.");
            throw new AzuriteException($"Azurite did not start within {options.StartTimeout.TotalSeconds:0} s.{hint}\n{output}", e);
        }
    }

    /// <summary>Stops Azurite gracefully (stdin closed → SIGTERM inside Node), killing it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    Kill(_process);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static string? SetsidExecutable() =>
        OperatingSystem.IsLinux()
            ? new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists)
            : null;

    private static IEnumerable<string> Arguments(AzuriteOptions options)
    {
        yield return "--disableTelemetry";
        yield return "--silent";

        // The Durable Task Framework's blob client (leases of the local host's task hub) speaks a newer service version
        // than Azurite 3.35 accepts; the table and queue clients pin versions Azurite knows.
        yield return "--skipApiVersionCheck";
        foreach (var (flag, port) in new[]
                 {
                     ("--blobPort", options.BlobPort),
                     ("--queuePort", options.QueuePort),
                     ("--tablePort", options.TablePort),
                 })
        {
            yield return flag;
            yield return options.UseFreePorts ? "0" : port.ToString(CultureInfo.InvariantCulture);
        }

        if (options.DataDirectory is { } data)
        {
            yield return "--location";
            yield return data;
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
