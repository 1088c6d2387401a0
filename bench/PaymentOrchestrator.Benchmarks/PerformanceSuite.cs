using System.Diagnostics;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Tests.Chaos;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.VippsSimulator;
using Spectre.Console;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>Settings of one benchmark run.</summary>
internal sealed record SuiteOptions(bool Quick, string? Only)
{
    public int[] Concurrency => Quick ? [1, 4, 16] : [1, 2, 4, 8, 16];

    public int[] LatenciesMs => [0, LatencyMs];

    /// <summary>Added by the simulator to every Vipps API call in the "realistic" runs.</summary>
    public const int LatencyMs = 75;

    public TimeSpan WarmUp => Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(2);

    public TimeSpan Duration => Quick ? TimeSpan.FromSeconds(1.5) : TimeSpan.FromSeconds(8);

    public int TokenCalls => Quick ? 2_000 : 10_000;

    public int MemorySagas => Quick ? 300 : 10_000;

    public TimeSpan MemoryTimeLimit => Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(240);

    public bool Runs(string name) => Only is null || string.Equals(Only, name, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Everything one run measured.</summary>
internal sealed class SuiteResults
{
    public List<(string Path, int LatencyMs, int Concurrency, LatencyStats Stats)> Sagas { get; } = [];

    public Dictionary<string, double> OpsPerSaga { get; } = new(StringComparer.Ordinal);

    public List<(int Concurrency, LatencyStats Stats)> StorageCeiling { get; } = [];

    public IReadOnlyList<(string Kind, int Count)> CeilingMix { get; set; } = [];

    public long TokenRequests { get; set; }

    public long ApiCalls { get; set; }

    public int MemorySagas { get; set; }

    public long WorkingSetBefore { get; set; }

    public long WorkingSetPeak { get; set; }

    public long WorkingSetAfter { get; set; }

    public long ManagedBefore { get; set; }

    public long ManagedAfter { get; set; }

    public double MemorySeconds { get; set; }

    public TimeSpan Elapsed { get; set; }

    public HostResults Host { get; } = new();

    public ApiLoadResult? ApiLoad { get; set; }

    public LatencyStats? Find(string path, int latency, int concurrency) =>
        Sagas.Where(s => s.Path == path && s.LatencyMs == latency && s.Concurrency == concurrency).Select(s => s.Stats).FirstOrDefault();
}

internal static class PerformanceSuite
{
    public static async Task<SuiteResults> RunAsync(BenchEnvironment env, SuiteOptions options, ProgressContext progress, CancellationToken cancellationToken)
    {
        var results = new SuiteResults();
        var started = Stopwatch.StartNew();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var settings = new CoreSettings(env.Azurite.ConnectionString, env.SimulatorAddress, suffix);
        var counter = new StorageOpCounter();
        await env.Admin.ClearFaultsAsync(cancellationToken);
        await using var process = await CoreProcess.StartAsync(settings, TimeProvider.System, configure: counter.Install, cancellationToken: cancellationToken);
        await SagaWorkloads.RegisterAsync(process);
        var workloads = new SagaWorkloads(process, env.Admin, suffix);

        // The operation mix of one saga, counted on the wire over 20 sequential sagas.
        var mixTask = progress.AddTask("storage operations per saga");
        await workloads.OrchestratedAsync(0);
        counter.Reset();
        const int mixSagas = 20;
        for (var i = 0; i < mixSagas; i++)
        {
            await workloads.OrchestratedAsync(i);
            mixTask.Value = 100.0 * (i + 1) / mixSagas;
        }

        foreach (var (kind, count) in counter.Snapshot())
        {
            results.OpsPerSaga[kind] = (double)count / mixSagas;
        }

        if (options.Runs("sagas") || options.Runs("direct") || options.Runs("scaling"))
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
                    foreach (var path in new[] { "orchestrated", "direct" })
                    {
                        if (path == "direct" && options.Only is "sagas" or "scaling" || path == "orchestrated" && options.Only is "direct")
                        {
                            continue;
                        }

                        var task = progress.AddTask($"{path,-12} {latency,3} ms  x{concurrency,-2}");

                        // Fresh tables per point: Azurite's in-memory tables slow down as they fill, which would
                        // otherwise penalise whichever point runs last.
                        var point = Guid.NewGuid().ToString("N")[..8];
                        await using var pointProcess = await CoreProcess.StartAsync(settings with { Suffix = point }, TimeProvider.System, cancellationToken: cancellationToken);
                        await SagaWorkloads.RegisterAsync(pointProcess);
                        var pointWorkloads = new SagaWorkloads(pointProcess, env.Admin, point);
                        Func<int, Task> operation = path == "orchestrated" ? pointWorkloads.OrchestratedAsync : pointWorkloads.DirectAsync;
                        var stats = await LatencyStats.MeasureAsync(concurrency, options.WarmUp, options.Duration, operation, f => task.Value = 100 * f);
                        task.Value = 100;
                        results.Sagas.Add((path, latency, concurrency, stats));
                    }
                }
            }

            await env.Admin.ClearFaultsAsync(cancellationToken);
        }

        if (options.Runs("storage"))
        {
            foreach (var concurrency in new[] { 1, options.Concurrency.Max() })
            {
                var ceiling = await StorageCeiling.CreateAsync(env.Azurite.ConnectionString, Guid.NewGuid().ToString("N")[..8], results.OpsPerSaga);
                results.CeilingMix = ceiling.Mix;
                var task = progress.AddTask($"storage ceiling  x{concurrency}");
                var stats = await LatencyStats.MeasureAsync(concurrency, options.WarmUp, options.Duration, ceiling.OneSagaAsync, f => task.Value = 100 * f);
                task.Value = 100;
                results.StorageCeiling.Add((concurrency, stats));
            }
        }

        if (options.Runs("tokens"))
        {
            // A fresh process = a fresh token cache; then N API calls at concurrency 16.
            var task = progress.AddTask($"token requests over {options.TokenCalls:N0} calls");
            await using var fresh = await CoreProcess.StartAsync(settings with { Suffix = suffix }, TimeProvider.System, cancellationToken: cancellationToken);
            var client = fresh.Get<Vipps.Epayment.VippsEpaymentClient>();
            await env.Admin.ResetCountersAsync(cancellationToken);
            var reference = await new SagaWorkloads(fresh, env.Admin, suffix + "t").CreateOneAsync();
            var done = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, options.TokenCalls), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (_, ct) =>
            {
                await client.GetPaymentAsync(MerchantSerialNumber.Create(SagaWorkloads.Msn), reference, ct);
                task.Value = 100.0 * Interlocked.Increment(ref done) / options.TokenCalls;
            });
            var counters = await env.Admin.GetCountersAsync(cancellationToken);
            results.TokenRequests = counters.TokenRequests;
            results.ApiCalls = counters.Calls.Where(c => c.Key != "token").Sum(c => c.Value);
        }

        if (options.Runs("memory"))
        {
            var memorySuffix = Guid.NewGuid().ToString("N")[..8];
            await using var memoryProcess = await CoreProcess.StartAsync(settings with { Suffix = memorySuffix }, TimeProvider.System, cancellationToken: cancellationToken);
            await SagaWorkloads.RegisterAsync(memoryProcess);
            await MeasureMemoryAsync(new SagaWorkloads(memoryProcess, env.Admin, memorySuffix), options, results, progress.AddTask($"memory: {options.MemorySagas:N0} sagas awaiting the customer"), cancellationToken);
        }

        await HostSuite.RunAsync(env, options, results, progress, cancellationToken);
        results.ApiLoad = await ApiLoadSuite.RunAsync(env, options, progress, cancellationToken);
        results.Elapsed = started.Elapsed;
        return results;
    }

    private static async Task MeasureMemoryAsync(SagaWorkloads workloads, SuiteOptions options, SuiteResults results, ProgressTask task, CancellationToken cancellationToken)
    {
        using var self = Process.GetCurrentProcess();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        self.Refresh();
        results.WorkingSetBefore = self.WorkingSet64;
        results.ManagedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var peak = results.WorkingSetBefore;
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var p = Process.GetCurrentProcess();
            while (!stopSampling.IsCancellationRequested)
            {
                p.Refresh();
                peak = Math.Max(peak, p.WorkingSet64);
                try
                {
                    await Task.Delay(50, stopSampling.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }, CancellationToken.None);

        // What a host keeps per saga in flight in-process: its next wake-up. The saga itself lives in Table Storage.
        var wakeUps = new System.Collections.Concurrent.ConcurrentDictionary<SagaKey, DateTimeOffset?>();
        var clock = Stopwatch.StartNew();
        var created = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.MemorySagas), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (_, _) =>
        {
            if (clock.Elapsed > options.MemoryTimeLimit)
            {
                return;
            }

            var (key, wakeUp) = await workloads.AwaitingCustomerAsync();
            wakeUps[key] = wakeUp;
            task.Value = 100.0 * Interlocked.Increment(ref created) / options.MemorySagas;
        });
        results.MemorySeconds = clock.Elapsed.TotalSeconds;
        await stopSampling.CancelAsync();
        await sampler;
        self.Refresh();
        results.WorkingSetPeak = Math.Max(peak, self.WorkingSet64);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        self.Refresh();
        results.WorkingSetAfter = self.WorkingSet64;
        results.ManagedAfter = GC.GetTotalMemory(forceFullCollection: true);
        results.MemorySagas = wakeUps.Count;
        task.Value = 100;
        GC.KeepAlive(wakeUps);
    }
}
