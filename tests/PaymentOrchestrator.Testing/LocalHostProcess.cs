using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PaymentOrchestrator.Testing;

/// <summary>
/// <c>PaymentOrchestrator.Local run</c> as an operating-system child process — the host exactly as an operator runs
/// it, configured through environment variables (<c>Section__Key</c>) — so that it can be killed with SIGKILL mid-work
/// and its memory read from outside. The caller's output folder must hold <c>PaymentOrchestrator.Local.dll</c> (a
/// project reference to PaymentOrchestrator.Local puts it there).
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private const int OutputLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly List<string> _errors = [];
    private int _stackTraceLines;

    private readonly bool _ownsWorkingDirectory;

    private LocalHostProcess(Process process, Uri baseAddress, bool ownsWorkingDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        _ownsWorkingDirectory = ownsWorkingDirectory;
    }

    /// <summary>The host's HTTP API root (the port given to <see cref="StartAsync"/>).</summary>
    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the host wrote (stdout and stderr), for a failure message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// What a host needs to run on <paramref name="storageConnectionString"/> and the simulator at
    /// <paramref name="simulator"/> with its partner keys: its own tables and queues (named with
    /// <paramref name="suffix"/>, as the end-to-end tests and the chaos engine name them), webhooks registered with the
    /// simulator, no in-process simulator. Callers add or override keys (queue concurrency, saga timing).
    /// </summary>
    public static Dictionary<string, string?> SettingsFor(string storageConnectionString, Uri simulator, string suffix)
    {
        var settings = HostStorageSettings.For(storageConnectionString, suffix);
        foreach (var (key, value) in SimulatorVippsSettings.For(simulator))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Local:Simulator:Enabled"] = "false",
            ["Local:Webhooks:Register"] = "true",
            ["Local:ApiKeys:0:Name"] = "finance",
            ["Local:ApiKeys:0:Key"] = "finance-key-" + suffix + "-0123456789",
            ["Local:ApiKeys:0:Source"] = "finance/backoffice",
        })
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// Lines the host logged at Error or Critical (<c>fail:</c>/<c>crit:</c>) or an unhandled exception it printed, up
    /// to the first 50, and the first line that holds a stack-trace frame.
    /// </summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_output)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Lines the host printed that hold a frame of a stack trace (<c>   at Type.Method(…)</c>): a person must never see one.</summary>
    public int StackTraceLines
    {
        get
        {
            lock (_output)
            {
                return _stackTraceLines;
            }
        }
    }

    /// <summary>A free TCP port on 127.0.0.1 (kept for the host's restarts, so its webhook URL stays the same).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Starts the host with <paramref name="settings"/> (configuration keys such as <c>Local:Http:Port</c>) and waits
    /// until its health endpoint answers 200, the process exits (an exception with its output), or
    /// <paramref name="readyTimeout"/> passes. The host runs in <paramref name="workingDirectory"/> (where <c>run</c>
    /// keeps its data: a restart on the same folder continues; the caller deletes it), or in a temporary folder deleted
    /// when the host is disposed. <paramref name="hostDll"/> runs another build of the host (the benchmark's
    /// <c>--host-dll</c>: an earlier commit measured in the same sitting); by default the one beside this program.
    /// </summary>
    public static async Task<LocalHostProcess> StartAsync(
        IReadOnlyDictionary<string, string?> settings, int port, TimeSpan readyTimeout, CancellationToken cancellationToken = default,
        string? workingDirectory = null, string? hostDll = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dll = hostDll ?? Path.Combine(AppContext.BaseDirectory, "PaymentOrchestrator.Local.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException(hostDll is null
                ? "PaymentOrchestrator.Local.dll is not beside this program; reference the PaymentOrchestrator.Local project."
                : "No host build at " + hostDll + ".", dll);
        }

        var ownsWorkingDirectory = workingDirectory is null;
        workingDirectory ??= Directory.CreateTempSubdirectory("po-host-").FullName;
        var start = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { dll, "run" },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        // Nothing of the caller's environment configures the host, except what .NET itself needs.
        foreach (var name in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Local__Http__Address"] = "127.0.0.1";
        start.Environment["Local__Http__Port"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["NO_COLOR"] = "1";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new LocalHostProcess(process, new Uri($"http://127.0.0.1:{port}/"), ownsWorkingDirectory);
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(readyTimeout, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL (on Windows: TerminateProcess): no shutdown code runs; waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// SIGKILL of the host process alone, as <c>kill -9 &lt;pid&gt;</c> does: its children (the Azurite it started) live
    /// on and see only that their parent is gone. Waits until the host is gone.
    /// </summary>
    public async Task KillHostOnlyAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Current resident set of the host in bytes.</summary>
    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>Peak resident set of the host since it started, in bytes (see <see cref="Resident"/>).</summary>
    public long PeakWorkingSetBytes() => Resident().Peak;

    /// <summary>
    /// The host's resident memory: from <c>/proc/&lt;pid&gt;/status</c> on Linux (exact, kept by the kernel; the peak is
    /// VmHWM); elsewhere the runtime's WorkingSet64 and PeakWorkingSet64, without the parts.
    /// </summary>
    public ResidentMemory Resident()
    {
        var status = $"/proc/{_process.Id}/status";
        if (File.Exists(status))
        {
            var kb = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(status))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line.EndsWith(" kB", StringComparison.Ordinal))
                {
                    kb[line[..colon]] = long.Parse(line[(colon + 1)..^3].Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }

            long Of(string name) => kb.TryGetValue(name, out var value) ? value : 0;
            return new ResidentMemory(Of("VmRSS"), Of("VmHWM"), Of("RssAnon"), Of("RssFile"), Of("RssShmem"));
        }

        _process.Refresh();
        return new ResidentMemory(_process.WorkingSet64, _process.PeakWorkingSet64, 0, 0, 0);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        var directory = _process.StartInfo.WorkingDirectory;
        _process.Dispose();
        if (!_ownsWorkingDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} while starting:\n{RecentOutput}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The host did not answer {BaseAddress}api/health within {timeout.TotalSeconds:F0} s:\n{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);

            // Exception.ToString() indents each frame as "   at Type.Method(…)": on its own line, or inside a log line
            // whose formatter joined the lines with spaces. The first such line is kept with the error lines, so that a
            // report shows where the trace came from.
            var frame = line.Contains("   at ", StringComparison.Ordinal);
            var error = line.Contains(" fail: ", StringComparison.Ordinal) || line.Contains(" crit: ", StringComparison.Ordinal)
                || line.StartsWith("Unhandled exception", StringComparison.Ordinal);
            if (_errors.Count < 50 && (error || (frame && _stackTraceLines == 0)))
            {
                _errors.Add(line);
            }

            if (frame)
            {
                _stackTraceLines++;
            }

            while (_output.Count > OutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>The dotnet executable running this program (set by <c>dotnet test</c>/<c>dotnet run</c>), else <c>dotnet</c> on PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var main = Environment.ProcessPath;
        return main is not null && Path.GetFileNameWithoutExtension(main) == "dotnet" ? main : "dotnet";
    }
}
