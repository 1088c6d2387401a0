using System.Diagnostics;
using PaymentOrchestrator.Testing.Chaos;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Epayment;
using Spectre.Console;
using VippsAmount = PaymentOrchestrator.Vipps.Epayment.Amount;
using VippsCurrency = PaymentOrchestrator.Vipps.Currency;
using VippsIdempotencyKey = PaymentOrchestrator.Vipps.IdempotencyKey;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>Settings of one benchmark run.</summary>
/// <param name="Quick">The short form.</param>
/// <param name="Only">One part alone (<see cref="Parts"/>), or all.</param>
/// <param name="Minutes">
/// Length of the sustained row (<c>--minutes</c>; default 30, 3 in the quick form) and the host-memory run's time limit.
/// </param>
/// <param name="AzuriteOnDisk">Every point's Azurite on disk (<c>--azurite disk</c>) instead of in memory.</param>
/// <param name="HostDll">
/// Another build of <c>PaymentOrchestrator.Local.dll</c> for the host rows (<c>--host-dll</c>: an earlier commit's
/// engine measured by this benchmark in the same sitting), or null for the one built with this benchmark.
/// </param>
/// <param name="HostSettings">
/// Configuration keys given to every host the rows start (<c>--host-setting KEY=VALUE</c>: an A/B of one setting in one
/// sitting), applied over the benchmark's own.
/// </param>
/// <param name="ApproveAfter">
/// How long the simulated customer takes to approve after <c>payment.created.v1</c> (<c>--approve-after SECONDS</c>;
/// zero: at once), so that the rows pay for the polls a real customer's minute in the Vipps app costs.
/// </param>
internal sealed record SuiteOptions(
    bool Quick, string? Only, double? Minutes = null, bool AzuriteOnDisk = false, string? HostDll = null,
    IReadOnlyDictionary<string, string?>? HostSettings = null, TimeSpan ApproveAfter = default)
{
    public static readonly string[] Parts = ["host", "open-loop", "sustained", "storage", "tokens", "host-memory", "api", "list"];

    public int[] Concurrency => Quick ? [1, 4, 16] : [1, 2, 4, 8, 16];

    public int[] LatenciesMs => [0, LatencyMs];

    /// <summary>Added by the simulator to every Vipps API call in the "realistic" runs.</summary>
    public const int LatencyMs = 75;

    public string AzuriteMode => AzuriteOnDisk ? "on disk" : "in memory";

    /// <summary>
    /// A saga-equivalent of the host's mix is over a hundred requests in sequence, and one counts only when it starts
    /// after the warm-up and ends before the deadline: at 16 workers each takes seconds.
    /// </summary>
    public TimeSpan CeilingWarmUp => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(5);

    public TimeSpan CeilingDuration => Quick ? TimeSpan.FromSeconds(12) : TimeSpan.FromSeconds(20);

    public int TokenCalls => Quick ? 2_000 : 10_000;

    /// <summary>Table sizes at which <see cref="TableQueryCost"/> measures a point read against a one-partition query.</summary>
    public int[] QueryCostRows => Quick ? [0, 20_000, 100_000] : [0, 20_000, 100_000, 300_000];

    public bool Runs(string name) => Only is null || string.Equals(Only, name, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Everything one run measured.</summary>
internal sealed class SuiteResults
{
    public List<(int Concurrency, LatencyStats Stats)> StorageCeiling { get; } = [];

    /// <summary>The host's net requests per saga the ceiling replays, and the host point they were counted at.</summary>
    public IReadOnlyList<(string Kind, int Count)> CeilingMix { get; set; } = [];

    public IReadOnlyList<string> CeilingSkipped { get; set; } = [];

    public HostSagaPoint? CeilingSource { get; set; }

    public string CeilingAzurite { get; set; } = string.Empty;

    /// <summary>The one-worker ceiling measured again through a <see cref="StorageProxy"/>: the proxy's cost per request.</summary>
    public LatencyStats? CeilingThroughProxy { get; set; }

    /// <summary>A point read against a one-partition query on Azurite as the table grows (<see cref="TableQueryCost"/>).</summary>
    public IReadOnlyList<TableQueryPoint> QueryCost { get; set; } = [];

    public long TokenRequests { get; set; }

    public long ApiCalls { get; set; }

    public TimeSpan Elapsed { get; set; }

    public HostResults Host { get; } = new();

    public ApiLoadResult? ApiLoad { get; set; }

    /// <summary>The payment list and export by partition size (<see cref="ListExportSuite"/>).</summary>
    public IReadOnlyList<ListExportPoint> ListExport { get; set; } = [];
}

internal static class PerformanceSuite
{
    public static async Task<SuiteResults> RunAsync(BenchEnvironment env, SuiteOptions options, ProgressContext progress, CancellationToken cancellationToken)
    {
        var results = new SuiteResults();
        var started = Stopwatch.StartNew();
        await env.Admin.ClearFaultsAsync(cancellationToken);
        await HostSuite.RunAsync(env, options, results, progress, cancellationToken);

        if (options.Runs("storage"))
        {
            // The host's own mix per saga, net of idle polling, at its busiest 0 ms point.
            var source = results.Host.Sagas.Where(s => s.Storage is not null).OrderBy(s => s.LatencyMs).ThenByDescending(s => s.Concurrency).First();
            results.CeilingSource = source;
            results.CeilingAzurite = options.AzuriteMode;
            foreach (var concurrency in new[] { 1, options.Concurrency.Max() })
            {
                await using var storage = await BenchAzurite.StartAsync(options, cancellationToken);
                var ceiling = await StorageCeiling.CreateAsync(storage.Server.ConnectionString, Guid.NewGuid().ToString("N")[..8], source.Storage!.NetMix());
                results.CeilingMix = ceiling.Mix;
                results.CeilingSkipped = ceiling.Skipped;
                var task = progress.AddTask($"storage ceiling  x{concurrency}");
                var stats = await LatencyStats.MeasureAsync(concurrency, options.CeilingWarmUp, options.CeilingDuration, ceiling.OneSagaAsync, f => task.Value = 100 * f);
                task.Value = 100;
                results.StorageCeiling.Add((concurrency, stats));
            }

            {
                // The proxy's own cost without the host's noise: the one-worker ceiling again, through a counting proxy.
                await using var storage = await BenchAzurite.StartAsync(options, cancellationToken);
                await using var proxy = StorageProxy.Start(storage.Server);
                var ceiling = await StorageCeiling.CreateAsync(proxy.ConnectionString, Guid.NewGuid().ToString("N")[..8], source.Storage!.NetMix());
                var task = progress.AddTask("storage ceiling  x1 through the counting proxy");
                results.CeilingThroughProxy = await LatencyStats.MeasureAsync(1, options.CeilingWarmUp, options.CeilingDuration, ceiling.OneSagaAsync, f => task.Value = 100 * f);
                task.Value = 100;
            }

            {
                await using var storage = await BenchAzurite.StartAsync(options, cancellationToken);
                var task = progress.AddTask("table query cost as the table grows");
                results.QueryCost = await TableQueryCost.MeasureAsync(storage.Server.ConnectionString, options.QueryCostRows, f => task.Value = 100 * f, cancellationToken);
            }
        }

        if (options.Runs("tokens"))
        {
            // A fresh process = a fresh token cache; then N API calls at concurrency 16.
            var task = progress.AddTask($"token requests over {options.TokenCalls:N0} calls");
            var suffix = Guid.NewGuid().ToString("N")[..8];
            await using var fresh = await CoreProcess.StartAsync(new CoreSettings(env.Azurite.ConnectionString, env.SimulatorAddress, suffix), TimeProvider.System, cancellationToken: cancellationToken);
            var client = fresh.Get<VippsEpaymentClient>();
            var msn = MerchantSerialNumber.Create(HostWorkloads.Msn);
            await env.Admin.ResetCountersAsync(cancellationToken);
            var reference = "t-" + suffix;
            await client.CreatePaymentAsync(msn, new CreatePaymentRequest
            {
                Amount = new VippsAmount(VippsCurrency.Nok, HostWorkloads.Amount),
                PaymentMethod = new PaymentMethod(PaymentMethodType.Wallet),
                Reference = reference,
                UserFlow = UserFlow.WebRedirect,
                ReturnUrl = "https://shop.example/return",
            }, VippsIdempotencyKey.Create("create-" + reference), cancellationToken);
            var done = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, options.TokenCalls), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (_, ct) =>
            {
                await client.GetPaymentAsync(msn, reference, ct);
                task.Value = 100.0 * Interlocked.Increment(ref done) / options.TokenCalls;
            });
            var counters = await env.Admin.GetCountersAsync(cancellationToken);
            results.TokenRequests = counters.TokenRequests;
            results.ApiCalls = counters.Calls.Where(c => c.Key != "token").Sum(c => c.Value);
        }

        results.ApiLoad = await ApiLoadSuite.RunAsync(env, options, progress, cancellationToken);
        if (options.Runs("list"))
        {
            results.ListExport = await ListExportSuite.RunAsync(options, progress, cancellationToken);
        }

        results.Elapsed = started.Elapsed;
        return results;
    }
}
