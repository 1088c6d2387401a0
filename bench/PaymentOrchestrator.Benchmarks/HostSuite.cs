using System.Diagnostics;
using System.Globalization;
using PaymentOrchestrator.Azurite;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Chaos;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Webhooks;
using PaymentOrchestrator.VippsSimulator;
using Spectre.Console;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>Settings of the host-level part (<c>--only host</c>, <c>--only host-memory</c>).</summary>
internal static class HostSuiteOptions
{
    /// <summary>Sagas the load generator keeps in flight for worker concurrency N: enough that N workers never starve.</summary>
    public static int InFlight(int concurrency) => (2 * concurrency) + 4;

    /// <summary>Longer than the core's: a host point's first sagas also pay for the host's JIT and token fetch.</summary>
    public static TimeSpan HostWarmUp(this SuiteOptions o) => o.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);

    /// <summary>Host sagas take seconds at the realistic latency: a longer window than the core's keeps the sample large enough.</summary>
    public static TimeSpan HostDuration(this SuiteOptions o) => o.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(15);

    public static int HostMemorySagas(this SuiteOptions o) => o.Quick ? 300 : 10_000;

    public static TimeSpan HostMemoryTimeLimit(this SuiteOptions o) => o.Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(10);

    /// <summary>A working-set sample every this many sagas in flight.</summary>
    public static int HostMemoryStep(this SuiteOptions o) => o.Quick ? 50 : 1_000;

    /// <summary>Worker concurrency of the memory run's host.</summary>
    public static int HostMemoryConcurrency(this SuiteOptions o) => 16;

    /// <summary>MSNs the memory run spreads its sagas over (the simulator's partner-linked ones).</summary>
    public static IReadOnlyList<(string Msn, string Currency, Market Market)> HostMemoryMsns(this SuiteOptions o) =>
    [
        (SimulatorDefaults.NorwayMsn, "NOK", Market.Norway),
        (SimulatorDefaults.DenmarkMsn, "DKK", Market.Denmark),
        (SimulatorDefaults.FinlandMsn, "EUR", Market.Finland),
    ];
}

/// <summary>
/// Host-level figures: <c>PaymentOrchestrator.Local run</c> as a child process per point (fresh tables and queues,
/// fresh process), driven the way a webshop drives it — through its queues — with the simulator delivering webhooks to
/// it over HTTP.
/// </summary>
internal static class HostSuite
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public static async Task RunAsync(BenchEnvironment env, SuiteOptions options, SuiteResults results, ProgressContext progress, CancellationToken cancellationToken)
    {
        var runsHost = options.Only is "host" || options.Only is null;
        var runsMemory = options.Only is "host-memory" || options.Only is null;
        if (!runsHost && !runsMemory)
        {
            return;
        }

        // The partner's webhook registrations are the hosts' (the core benchmark registers none); one process for cleanup.
        var cleanupSuffix = NewSuffix();
        await using var cleanup = await CoreProcess.StartAsync(new CoreSettings(env.Azurite.ConnectionString, env.SimulatorAddress, cleanupSuffix), TimeProvider.System, cancellationToken: cancellationToken);
        var webhooks = cleanup.Get<VippsWebhooksClient>();
        await DeleteWebhooksAsync(webhooks, cancellationToken);

        if (runsHost)
        {
            foreach (var latency in options.LatenciesMs)
            {
                await env.Admin.ClearFaultsAsync(cancellationToken);
                if (latency > 0)
                {
                    await env.Admin.AddFaultAsync(new FaultRule { Route = "*", Kind = FaultKind.Latency, LatencyMs = latency }, cancellationToken);
                }

                foreach (var concurrency in options.Concurrency)
                {
                    var inFlight = HostSuiteOptions.InFlight(concurrency);
                    var task = progress.AddTask(string.Create(CultureInfo.InvariantCulture, $"host         {latency,3} ms  x{concurrency,-2} ({inFlight} in flight)"));
                    var point = NewSuffix();

                    // Each point on its own empty Azurite: the shared one holds every earlier phase's data by now
                    // (over 1 GB after the core memory run), which slowed the host points twenty-fold.
                    await using (var storage = await AzuriteServer.StartAsync(AzuriteOptions.ForTests, cancellationToken))
                    await using (var host = await StartHostAsync(env, storage.ConnectionString, point, concurrency, extra: null, cancellationToken))
                    {
                        await using var outcomes = new OutcomeReader(Events(storage.ConnectionString, point));
                        var workloads = new HostWorkloads(host, Requests(storage.ConnectionString, point), outcomes, env.Admin, point);
                        var stats = await MeasureClosedLoopAsync(inFlight, options.HostWarmUp(), options.HostDuration(), workloads.SagaAsync, f => task.Value = 100 * f);
                        results.Host.Sagas.Add(new HostSagaPoint(latency, concurrency, inFlight, stats, host.PeakWorkingSetBytes()));
                        ThrowIfHostDied(host);
                    }

                    await DeleteWebhooksAsync(webhooks, cancellationToken);
                    task.Value = 100;
                }
            }

            await env.Admin.ClearFaultsAsync(cancellationToken);
        }

        if (runsMemory)
        {
            await env.Admin.ClearFaultsAsync(cancellationToken);
            var task = progress.AddTask($"host memory: {options.HostMemorySagas():N0} sagas awaiting the customer");
            results.Host.Memory = await MeasureMemoryAsync(env, options, task, cancellationToken);
            await DeleteWebhooksAsync(webhooks, cancellationToken);
            task.Value = 100;
        }
    }

    private static async Task<HostMemoryResult> MeasureMemoryAsync(BenchEnvironment env, SuiteOptions options, ProgressTask task, CancellationToken cancellationToken)
    {
        // Its own empty Azurite, like the throughput points.
        await using var storage = await AzuriteServer.StartAsync(AzuriteOptions.ForTests, cancellationToken);
        var connection = storage.ConnectionString;
        var suffix = NewSuffix();
        var msns = options.HostMemoryMsns();
        var concurrency = options.HostMemoryConcurrency();
        var inFlight = HostSuiteOptions.InFlight(concurrency);

        // The three linked MSNs in the host's registry before it starts (so its seeder leaves the registry alone).
        await using (var core = await CoreProcess.StartAsync(new CoreSettings(connection, env.SimulatorAddress, suffix), TimeProvider.System, cancellationToken: cancellationToken))
        {
            foreach (var (msn, _, market) in msns)
            {
                await core.SalesUnits.UpsertAsync(new SalesUnitRegistration(
                    Msn.Create(msn).Value, "Benchmark shop " + msn, market, VippsEnvironment.Production, LocalDefaults.SimulatorKeySetName,
                    [LocalDefaults.WebshopSource]), cancellationToken);
            }
        }

        // Sagas stay awaiting the customer; their first poll is moved past the run, so what is measured is what the
        // host holds per saga in flight (its orchestration's timer and history in Storage), not the load of polling 10,000 sagas.
        var extra = new Dictionary<string, string?> { ["Sagas:Epayment:Polling:FirstDelay"] = "01:00:00" };
        await using var host = await StartHostAsync(env, connection, suffix, concurrency, extra, cancellationToken);
        await using var outcomes = new OutcomeReader(Events(connection, suffix));
        var workloads = new HostWorkloads(host, Requests(connection, suffix), outcomes, env.Admin, suffix);

        // Baseline: right after start (ready), before any saga.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var baseline = host.WorkingSetBytes();
        var samples = new List<HostMemorySample> { new(0, 0, baseline, host.PeakWorkingSetBytes()) };
        var goal = options.HostMemorySagas();
        var step = options.HostMemoryStep();
        var limit = options.HostMemoryTimeLimit();
        var clock = Stopwatch.StartNew();
        var created = 0;
        var errors = 0;
        var sequence = -1;
        await Parallel.ForEachAsync(Enumerable.Range(0, goal), new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken }, async (_, _) =>
        {
            if (clock.Elapsed > limit || host.HasExited)
            {
                return;
            }

            var (msn, currency, _) = msns[Interlocked.Increment(ref sequence) % msns.Count];
            try
            {
                await workloads.AwaitingCustomerAsync(msn, currency, cancellationToken);
            }
#pragma warning disable CA1031 // A saga that failed to start is counted, not fatal; the run reports it.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref errors);
                return;
            }

            var n = Interlocked.Increment(ref created);
            task.Value = 100.0 * n / goal;
            if (n % step == 0)
            {
                var sample = new HostMemorySample(n, clock.Elapsed.TotalSeconds, host.WorkingSetBytes(), host.PeakWorkingSetBytes());
                lock (samples)
                {
                    samples.Add(sample);
                }
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        ThrowIfHostDied(host);

        // Let the last creations settle (webhooks of payment.created, the orchestrations' timers) before the final reading.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var final = host.WorkingSetBytes();
        var peak = host.PeakWorkingSetBytes();
        if (samples[^1].Sagas != created)
        {
            samples.Add(new HostMemorySample(created, seconds, final, peak));
        }

        return new HostMemoryResult(goal, created, msns.Count, concurrency, inFlight, limit, seconds, errors, baseline, final, peak,
            [.. samples.OrderBy(s => s.Sagas)]);
    }

    /// <summary>
    /// <paramref name="inFlight"/> sagas in a closed loop for warm-up + duration. Unlike <see cref="LatencyStats.MeasureAsync"/>
    /// a saga counts when it <em>ends</em> inside the measured window, whenever it started: with 2N + 4 sagas in flight a
    /// host saga can take longer than the window, and a start-and-end-inside rule would then count nothing. Sagas still
    /// running at the deadline are cancelled (the host is killed next).
    /// </summary>
    private static async Task<LatencyStats> MeasureClosedLoopAsync(
        int inFlight, TimeSpan warmUp, TimeSpan duration, Func<CancellationToken, Task> saga, Action<double> progress)
    {
        var clock = Stopwatch.StartNew();
        var deadline = warmUp + duration;
        using var stop = new CancellationTokenSource(deadline);
        var latencies = new List<double>();
        var errors = 0;
        var workers = Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var begin = clock.Elapsed;
                var ok = true;
                try
                {
                    await saga(stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // A failed saga is counted, and the run goes on.
                catch (Exception)
#pragma warning restore CA1031
                {
                    ok = false;
                }

                var end = clock.Elapsed;
                if (end >= warmUp && end <= deadline)
                {
                    lock (latencies)
                    {
                        if (ok)
                        {
                            latencies.Add((end - begin).TotalMilliseconds);
                        }
                        else
                        {
                            errors++;
                        }
                    }
                }

                progress(Math.Min(1.0, clock.Elapsed / deadline));
            }
        }).ToList();
        await Task.WhenAll(workers);
        return LatencyStats.From(latencies, errors, duration.TotalSeconds);
    }

    private static async Task<LocalHostProcess> StartHostAsync(
        BenchEnvironment env, string storage, string suffix, int concurrency, IReadOnlyDictionary<string, string?>? extra, CancellationToken cancellationToken)
    {
        var settings = LocalHostProcess.SettingsFor(storage, env.SimulatorAddress, suffix);
        var n = concurrency.ToString(CultureInfo.InvariantCulture);
        settings["Local:Queues:PaymentRequestsConcurrency"] = n;
        settings["Local:Durable:MaxConcurrentActivities"] = n;
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await LocalHostProcess.StartAsync(settings, LocalHostProcess.FreePort(), ReadyTimeout, cancellationToken);
    }

    private static QueueClient Requests(string storage, string suffix) =>
        new StorageClients(storage).Queues.GetQueueClient("requests-" + suffix);

    private static QueueClient Events(string storage, string suffix) =>
        new StorageClients(storage).Queues.GetQueueClient("events-" + suffix);

    /// <summary>A killed host's registration would keep the simulator delivering to a dead port for the rest of the run.</summary>
    private static async Task DeleteWebhooksAsync(VippsWebhooksClient webhooks, CancellationToken cancellationToken)
    {
        foreach (var registration in await webhooks.ListWebhooksAsync(null, cancellationToken))
        {
            await webhooks.DeleteWebhookAsync(null, registration.Id, cancellationToken);
        }
    }

    private static void ThrowIfHostDied(LocalHostProcess host)
    {
        if (host.HasExited)
        {
            throw new InvalidOperationException("The host process exited during the measurement:\n" + host.RecentOutput);
        }
    }

    private static string NewSuffix() => Guid.NewGuid().ToString("N")[..8];
}
