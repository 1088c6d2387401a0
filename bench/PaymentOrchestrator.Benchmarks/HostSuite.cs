using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PaymentOrchestrator.Testing.Chaos;
using PaymentOrchestrator.Azurite;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration.Stores;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Webhooks;
using PaymentOrchestrator.VippsSimulator;
using Spectre.Console;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>Settings of the host-level part (<c>--only host|open-loop|sustained|host-memory</c>).</summary>
internal static class HostSuiteOptions
{
    /// <summary>Sagas the load generator keeps in flight for worker concurrency N: enough that N workers never starve.</summary>
    public static int InFlight(int concurrency) => (2 * concurrency) + 4;

    /// <summary>A host point's first sagas also pay for the host's JIT and token fetch.</summary>
    public static TimeSpan HostWarmUp(this SuiteOptions o) => TimeSpan.FromSeconds(5);

    /// <summary>
    /// Host sagas take seconds (p50 ~4 s at 16 workers): the quick form's window is as long as the full one's, since on
    /// a busy machine 2 s + 5 s ended with no saga finished at 16 workers.
    /// </summary>
    public static TimeSpan HostDuration(this SuiteOptions o) => o.Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(20);

    /// <summary>After the host answers its health check and before the idle count: its start-up requests are not idle polling.</summary>
    public static TimeSpan HostSettle(this SuiteOptions o) => TimeSpan.FromSeconds(2);

    /// <summary>How long the idle background rate is counted, with no load, before a point's load starts.</summary>
    public static TimeSpan HostIdle(this SuiteOptions o) => o.Quick ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(10);

    /// <summary>Arrival rates of the open-loop rows (sagas per second).</summary>
    public static double[] OpenLoopRates(this SuiteOptions o) => [2, 5];

    public static TimeSpan OpenLoopWarmUp(this SuiteOptions o) => o.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(10);

    public static TimeSpan OpenLoopDuration(this SuiteOptions o) => o.Quick ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(120);

    /// <summary>How long arrivals of the measured window may still run after the last arrival before they count as unfinished.</summary>
    public static TimeSpan OpenLoopDrain(this SuiteOptions o) => TimeSpan.FromSeconds(60);

    /// <summary>Worker concurrency of the open-loop and sustained hosts: the largest of the closed-loop rows.</summary>
    public static int OpenLoopConcurrency(this SuiteOptions o) => 16;

    public static TimeSpan SustainedDuration(this SuiteOptions o) => TimeSpan.FromMinutes(o.Minutes ?? (o.Quick ? 3 : 30));

    /// <summary>The first and the last window compared: 5 minutes of a run of 10 minutes or more, else a fifth of the run.</summary>
    public static TimeSpan SustainedWindow(this SuiteOptions o) =>
        o.SustainedDuration() >= TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(5) : o.SustainedDuration() / 5;

    public static int HostMemorySagas(this SuiteOptions o) => o.Quick ? 300 : 10_000;

    /// <summary>
    /// 30 s quick, 10 minutes full, or <c>--minutes</c>: the quick form's 300 sagas end while the host is still tiering
    /// its code up, so a memory setting is compared on a few minutes of the full form.
    /// </summary>
    public static TimeSpan HostMemoryTimeLimit(this SuiteOptions o) =>
        o.Minutes is { } minutes ? TimeSpan.FromMinutes(minutes) : o.Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(10);

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
/// Host-level figures: <c>PaymentOrchestrator.Local run</c> as a child process per point (its own empty Azurite, fresh
/// process), driven the way a webshop drives it — through its queues — with the simulator delivering webhooks to it
/// over HTTP. The host reaches its Azurite through a <see cref="StorageProxy"/> that counts every storage request it
/// makes (the webshop's own sends and reads go to Azurite directly and are not counted).
/// </summary>
internal static class HostSuite
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public static async Task RunAsync(BenchEnvironment env, SuiteOptions options, SuiteResults results, ProgressContext progress, CancellationToken cancellationToken)
    {
        var runsHost = options.Runs("host");
        var runsOpenLoop = options.Runs("open-loop");
        var runsSustained = options.Runs("sustained");
        var runsMemory = options.Runs("host-memory");
        var runsCeiling = options.Runs("storage");
        if (!runsHost && !runsOpenLoop && !runsSustained && !runsMemory && !runsCeiling)
        {
            return;
        }

        // The partner's webhook registrations are the hosts'; one process for cleanup.
        await using var cleanup = await CoreProcess.StartAsync(new CoreSettings(env.Azurite.ConnectionString, env.SimulatorAddress, NewSuffix()), TimeProvider.System, cancellationToken: cancellationToken);
        var webhooks = cleanup.Get<VippsWebhooksClient>();
        await DeleteWebhooksAsync(webhooks, cancellationToken);

        if (runsHost)
        {
            foreach (var latency in options.LatenciesMs)
            {
                await SetLatencyAsync(env, latency, cancellationToken);
                foreach (var concurrency in options.Concurrency)
                {
                    results.Host.Sagas.Add(await ClosedLoopPointAsync(env, options, latency, concurrency, proxied: true, progress, cancellationToken));
                    await DeleteWebhooksAsync(webhooks, cancellationToken);

                    // Once per run: the same point without the proxy, for the proxy's own cost.
                    if (latency == 0 && concurrency == options.Concurrency.Max())
                    {
                        results.Host.Sagas.Add(await ClosedLoopPointAsync(env, options, latency, concurrency, proxied: false, progress, cancellationToken));
                        await DeleteWebhooksAsync(webhooks, cancellationToken);
                    }
                }
            }
        }

        if (runsCeiling && !results.Host.Sagas.Any(s => s.Storage is not null))
        {
            // The ceiling replays the host's own mix per saga: measure it when the host rows did not run.
            await SetLatencyAsync(env, 0, cancellationToken);
            results.Host.Sagas.Add(await ClosedLoopPointAsync(env, options, 0, options.Concurrency.Max(), proxied: true, progress, cancellationToken));
            await DeleteWebhooksAsync(webhooks, cancellationToken);
        }

        if (runsOpenLoop)
        {
            await SetLatencyAsync(env, SuiteOptions.LatencyMs, cancellationToken);
            foreach (var rate in options.OpenLoopRates())
            {
                results.Host.OpenLoop.Add(await OpenLoopPointAsync(env, options, rate, progress, cancellationToken));
                await DeleteWebhooksAsync(webhooks, cancellationToken);
            }
        }

        if (runsSustained)
        {
            await SetLatencyAsync(env, SuiteOptions.LatencyMs, cancellationToken);
            results.Host.Sustained = await SustainedAsync(env, options, progress, cancellationToken);
            await DeleteWebhooksAsync(webhooks, cancellationToken);
        }

        await env.Admin.ClearFaultsAsync(cancellationToken);
        if (runsMemory)
        {
            var task = progress.AddTask($"host memory: {options.HostMemorySagas():N0} sagas awaiting the customer");
            results.Host.Memory = await MeasureMemoryAsync(env, options, task, cancellationToken);
            await DeleteWebhooksAsync(webhooks, cancellationToken);
            task.Value = 100;
        }
    }

    private static async Task SetLatencyAsync(BenchEnvironment env, int latency, CancellationToken cancellationToken)
    {
        await env.Admin.ClearFaultsAsync(cancellationToken);
        if (latency > 0)
        {
            await env.Admin.AddFaultAsync(new FaultRule { Route = "*", Kind = FaultKind.Latency, LatencyMs = latency }, cancellationToken);
        }
    }

    private static async Task<HostSagaPoint> ClosedLoopPointAsync(
        BenchEnvironment env, SuiteOptions options, int latency, int concurrency, bool proxied, ProgressContext progress, CancellationToken cancellationToken)
    {
        var inFlight = HostSuiteOptions.InFlight(concurrency);
        var task = progress.AddTask(string.Create(CultureInfo.InvariantCulture,
            $"host         {latency,3} ms  x{concurrency,-2} ({inFlight} in flight){(proxied ? string.Empty : ", without the proxy")}"));
        var result = await WithHostAsync(env, options, concurrency, proxied, task, async point =>
        {
            var warmUp = options.HostWarmUp();
            var duration = options.HostDuration();
            var window = point.Proxy?.CountAsync(warmUp, warmUp + duration, cancellationToken);
            var cpu = point.CpuAsync(warmUp, warmUp + duration, cancellationToken);
            var (stats, _) = await MeasureClosedLoopAsync(inFlight, warmUp, duration, point.Workloads.SagaAsync, f => task.Value = 100 * f, null);
            var storage = window is null ? null : point.Use(await window, duration, stats.Count);
            if (stats.Count == 0)
            {
                // A point that finished nothing says why in the host's own words.
                await Console.Error.WriteLineAsync("No saga finished; the host's recent output:\n" + point.Host.RecentOutput);
            }

            return new HostSagaPoint(latency, concurrency, inFlight, stats, point.Host.PeakWorkingSetBytes(), options.AzuriteMode, storage, await cpu);
        }, cancellationToken);
        task.Value = 100;
        return result;
    }

    /// <summary>
    /// Sagas arrive at <paramref name="rate"/> per second whatever the host does; each runs to payment.captured. What is
    /// measured is the order event's queue send → payment.created.v1 (the host's queue pickup included), and the whole saga.
    /// </summary>
    private static async Task<OpenLoopPoint> OpenLoopPointAsync(BenchEnvironment env, SuiteOptions options, double rate, ProgressContext progress, CancellationToken cancellationToken)
    {
        var concurrency = options.OpenLoopConcurrency();
        var warmUp = options.OpenLoopWarmUp();
        var duration = options.OpenLoopDuration();
        var task = progress.AddTask(string.Create(CultureInfo.InvariantCulture,
            $"open loop    {SuiteOptions.LatencyMs,3} ms  {rate:0.#}/s for {duration.TotalSeconds:F0} s (x{concurrency})"));
        var result = await WithHostAsync(env, options, concurrency, proxied: true, task, async point =>
        {
            var total = warmUp + duration;
            var published = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            point.Proxy?.WatchSends(point.EventsQueue, CreatedStages.RecordCreated(published));
            var window = point.Proxy?.CountAsync(warmUp, total, cancellationToken);
            var clock = Stopwatch.StartNew();
            var created = new List<double>();
            var reads = new List<CreatedRead>();
            var sagas = new List<double>();
            int arrivals = 0, createErrors = 0, sagaErrors = 0, unfinished = 0;
            using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var running = new List<Task>();
            for (var i = 0; ; i++)
            {
                var at = TimeSpan.FromSeconds(i / rate);
                if (at >= total)
                {
                    break;
                }

                if (at - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                var counted = at >= warmUp;
                arrivals += counted ? 1 : 0;
                running.Add(Task.Run(async () =>
                {
                    var begin = clock.Elapsed;
                    var sawCreated = false;
                    try
                    {
                        await point.Workloads.SagaAsync(
                            c =>
                            {
                                sawCreated = true;
                                if (counted)
                                {
                                    lock (created)
                                    {
                                        created.Add(c.Elapsed.TotalMilliseconds);
                                        reads.Add(c);
                                    }
                                }
                            },
                            drain.Token);
                        if (counted)
                        {
                            lock (sagas)
                            {
                                sagas.Add((clock.Elapsed - begin).TotalMilliseconds);
                            }
                        }
                    }
#pragma warning disable CA1031 // A failed saga is counted, and the run goes on.
                    catch (Exception) when (counted)
#pragma warning restore CA1031
                    {
                        lock (sagas)
                        {
                            if (drain.IsCancellationRequested)
                            {
                                unfinished++;
                            }
                            else
                            {
                                sagaErrors++;
                                createErrors += sawCreated ? 0 : 1;
                            }
                        }
                    }
#pragma warning disable CA1031 // A warm-up saga's failure does not count.
                    catch (Exception)
#pragma warning restore CA1031
                    {
                    }
                }, CancellationToken.None));
                task.Value = 100 * at / total;
            }

            var all = Task.WhenAll(running);
            await Task.WhenAny(all, Task.Delay(options.OpenLoopDrain(), cancellationToken));
            await drain.CancelAsync();
            await all;
            var storage = window is null ? null : point.Use(await window, duration, arrivals);

            // The stages need the host's send of each outcome, which only the proxy sees.
            CreatedStages? stages = null;
            if (point.Proxy is not null)
            {
                await using var core = await CoreProcess.StartAsync(
                    new CoreSettings(point.Connection, env.SimulatorAddress, point.Suffix), TimeProvider.System, cancellationToken: cancellationToken);
                stages = await CreatedStages.MeasureAsync(
                    core.Sagas, Msn.Create(HostWorkloads.Msn).Value, reads, published, duration.TotalSeconds, cancellationToken);
            }

            return new OpenLoopPoint(rate, SuiteOptions.LatencyMs, concurrency, arrivals,
                LatencyStats.From(created, createErrors, duration.TotalSeconds), LatencyStats.From(sagas, sagaErrors, duration.TotalSeconds),
                unfinished, options.AzuriteMode, storage, stages);
        }, cancellationToken);
        task.Value = 100;
        return result;
    }

    /// <summary>A closed loop for <c>--minutes</c>: is the finished-saga rate of the last window that of the first?</summary>
    private static async Task<SustainedResult> SustainedAsync(BenchEnvironment env, SuiteOptions options, ProgressContext progress, CancellationToken cancellationToken)
    {
        var concurrency = options.OpenLoopConcurrency();
        var inFlight = HostSuiteOptions.InFlight(concurrency);
        var warmUp = options.HostWarmUp();
        var duration = options.SustainedDuration();
        var windowLength = options.SustainedWindow();
        var label = string.Create(CultureInfo.InvariantCulture, $"sustained    {SuiteOptions.LatencyMs,3} ms  x{concurrency,-2} for {duration.TotalMinutes:0.#} min");
        var task = progress.AddTask(label);
        var result = await WithHostAsync(env, options, concurrency, proxied: true, task, async point =>
        {
            var window = point.Proxy?.CountAsync(warmUp, warmUp + duration, cancellationToken);
            var finished = 0;
            using var stopReporting = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var reporter = Task.Run(async () =>
            {
                // Progress on a long run: the rate of the last 30 s in the task's line.
                var last = 0;
                try
                {
                    while (true)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(30), stopReporting.Token);
                        var now = Volatile.Read(ref finished);
                        task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                            $"{label}: {(now - last) / 30.0:F1}/s in the last 30 s, {now} finished, {clock.Elapsed.TotalMinutes:F1} min"));
                        last = now;
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }, CancellationToken.None);
            var (stats, ends) = await MeasureClosedLoopAsync(inFlight, warmUp, duration, point.Workloads.SagaAsync, f => task.Value = 100 * f, _ => Interlocked.Increment(ref finished));
            await stopReporting.CancelAsync();
            await reporter;
            double Rate(TimeSpan from) => ends.Count(e => e >= from.TotalSeconds && e < (from + windowLength).TotalSeconds) / windowLength.TotalSeconds;
            var minutes = (int)Math.Ceiling(duration.TotalMinutes);
            var perMinute = Enumerable.Range(0, minutes).Select(m =>
            {
                var from = warmUp.TotalSeconds + (60.0 * m);
                var to = Math.Min(from + 60, (warmUp + duration).TotalSeconds);
                return (Minute: m + 1.0, Rate: to > from ? ends.Count(e => e >= from && e < to) / (to - from) : 0);
            }).ToList();
            var storage = window is null ? null : point.Use(await window, duration, stats.Count);
            return new SustainedResult(SuiteOptions.LatencyMs, concurrency, inFlight, duration, windowLength, Rate(warmUp), Rate(warmUp + duration - windowLength),
                stats, perMinute, point.Host.PeakWorkingSetBytes(), options.AzuriteMode, storage);
        }, cancellationToken);
        task.Value = 100;
        return result;
    }

    /// <summary>
    /// One point: its own empty Azurite (a shared one holding earlier points' data slows later points down), the
    /// counting proxy in front of it, the host pointed at the proxy, the webshop's queues read directly; then the idle
    /// count (no load yet), then <paramref name="measure"/>.
    /// </summary>
    private static async Task<T> WithHostAsync<T>(
        BenchEnvironment env, SuiteOptions options, int concurrency, bool proxied, ProgressTask task, Func<HostPoint, Task<T>> measure, CancellationToken cancellationToken)
    {
        await using var storage = await BenchAzurite.StartAsync(options, cancellationToken);
        await using var proxy = proxied ? StorageProxy.Start(storage.Server) : null;
        var suffix = NewSuffix();
        var connection = storage.Server.ConnectionString;
        await using var host = await StartHostAsync(env, options, proxy?.ConnectionString ?? connection, suffix, concurrency, extra: null, cancellationToken);
        await using var outcomes = new OutcomeReader(Events(connection, suffix));
        var workloads = new HostWorkloads(host, Requests(connection, suffix), outcomes, env.Admin, suffix, options.ApproveAfter);
        var idle = StorageCounts.None;
        var idleSeconds = 0.0;
        if (proxy is not null)
        {
            var description = task.Description;
            task.Description = description + " (idle count)";
            idle = await proxy.CountAsync(options.HostSettle(), options.HostSettle() + options.HostIdle(), cancellationToken);
            idleSeconds = options.HostIdle().TotalSeconds;
            task.Description = description;
        }

        var result = await measure(new HostPoint(host, workloads, proxy, idle, idleSeconds, connection, suffix, storage.Server.ProcessIds));
        ThrowIfHostDied(host);
        return result;
    }

    /// <param name="Connection">The point's Azurite, not through the proxy (for reading after the measurement).</param>
    /// <param name="AzuriteProcessIds">The point's Azurite services' processes: Blob, Queue, Table.</param>
    private sealed record HostPoint(
        LocalHostProcess Host, HostWorkloads Workloads, StorageProxy? Proxy, StorageCounts Idle, double IdleSeconds, string Connection, string Suffix,
        IReadOnlyList<int> AzuriteProcessIds)
    {
        /// <summary>The CPU time the point's processes spend between <paramref name="from"/> and <paramref name="until"/> from now.</summary>
        public Task<ProcessCpu> CpuAsync(TimeSpan from, TimeSpan until, CancellationToken cancellationToken) =>
            ProcessCpu.MeasureAsync(Host.ProcessId, AzuriteProcessIds[1], AzuriteProcessIds[2], from, until, cancellationToken);

        public string EventsQueue => "events-" + Suffix;

        public StorageUse Use(StorageCounts window, TimeSpan duration, int sagas) => new(Idle, IdleSeconds, window, duration.TotalSeconds, sagas, Suffix);
    }

    private static async Task<HostMemoryResult> MeasureMemoryAsync(BenchEnvironment env, SuiteOptions options, ProgressTask task, CancellationToken cancellationToken)
    {
        // Its own empty Azurite, like the throughput points.
        await using var storage = await BenchAzurite.StartAsync(options, cancellationToken);
        var connection = storage.Server.ConnectionString;
        var suffix = NewSuffix();
        var msns = options.HostMemoryMsns();
        var concurrency = options.HostMemoryConcurrency();
        var inFlight = HostSuiteOptions.InFlight(concurrency);

        // The three linked MSNs in the host's registry before it starts (so its seeder leaves the registry alone).
        await using (var core = await CoreProcess.StartAsync(new CoreSettings(connection, env.SimulatorAddress, suffix), TimeProvider.System, cancellationToken: cancellationToken))
        {
            foreach (var (msn, _, market) in msns)
            {
                await core.SalesUnits.RegisterAsync(new SalesUnitRegistration(
                    Msn.Create(msn).Value, "Benchmark shop " + msn, market, VippsEnvironment.Production, LocalDefaults.SimulatorKeySetName,
                    [LocalDefaults.WebshopSource]), cancellationToken);
            }
        }

        // Sagas stay awaiting the customer; their first poll is moved past the run, so what is measured is what the
        // host holds per saga in flight (its orchestration's timer and history in Storage), not the load of polling 10,000 sagas.
        var extra = new Dictionary<string, string?> { ["Sagas:Epayment:Polling:FirstDelay"] = "01:00:00" };
        await using var host = await StartHostAsync(env, options, connection, suffix, concurrency, extra, cancellationToken);
        await using var outcomes = new OutcomeReader(Events(connection, suffix));
        var workloads = new HostWorkloads(host, Requests(connection, suffix), outcomes, env.Admin, suffix, options.ApproveAfter);

        // Baseline: right after start (ready), before any saga.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var baseline = host.Resident();
        var samples = new List<HostMemorySample> { new(0, 0, baseline) };
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
                var sample = new HostMemorySample(n, clock.Elapsed.TotalSeconds, host.Resident());
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
        var final = host.Resident();
        if (samples[^1].Sagas != created)
        {
            samples.Add(new HostMemorySample(created, seconds, final));
        }

        return new HostMemoryResult(goal, created, msns.Count, concurrency, inFlight, limit, seconds, errors, baseline, final,
            [.. samples.OrderBy(s => s.Sagas)]);
    }

    /// <summary>
    /// <paramref name="inFlight"/> sagas in a closed loop for warm-up + duration. Unlike <see cref="LatencyStats.MeasureAsync"/>
    /// a saga counts when it <em>ends</em> inside the measured window, whenever it started: with 2N + 4 sagas in flight a
    /// host saga can take longer than the window, and a start-and-end-inside rule would then count nothing. Sagas still
    /// running at the deadline are cancelled (the host is killed next). Returns the stats and the end times (seconds
    /// from the start) of the sagas counted.
    /// </summary>
    private static async Task<(LatencyStats Stats, List<double> Ends)> MeasureClosedLoopAsync(
        int inFlight, TimeSpan warmUp, TimeSpan duration, Func<CancellationToken, Task> saga, Action<double> progress, Action<double>? ended)
    {
        var clock = Stopwatch.StartNew();
        var deadline = warmUp + duration;
        using var stop = new CancellationTokenSource(deadline);
        var latencies = new List<double>();
        var ends = new List<double>();
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
                            ends.Add(end.TotalSeconds);
                        }
                        else
                        {
                            errors++;
                        }
                    }

                    if (ok)
                    {
                        ended?.Invoke(end.TotalSeconds);
                    }
                }

                progress(Math.Min(1.0, clock.Elapsed / deadline));
            }
        }).ToList();
        await Task.WhenAll(workers);
        return (LatencyStats.From(latencies, errors, duration.TotalSeconds), ends);
    }

    private static async Task<LocalHostProcess> StartHostAsync(
        BenchEnvironment env, SuiteOptions options, string storage, string suffix, int concurrency, IReadOnlyDictionary<string, string?>? extra, CancellationToken cancellationToken)
    {
        var settings = LocalHostProcess.SettingsFor(storage, env.SimulatorAddress, suffix);
        var n = concurrency.ToString(CultureInfo.InvariantCulture);
        settings["Local:Queues:PaymentRequestsConcurrency"] = n;
        settings["Local:Durable:MaxConcurrentActivities"] = n;
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in (extra ?? new Dictionary<string, string?>()).Concat(options.HostSettings ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        return await LocalHostProcess.StartAsync(settings, LocalHostProcess.FreePort(), ReadyTimeout, cancellationToken, hostDll: options.HostDll);
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
