using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PaymentOrchestrator.Testing.Chaos;
using PaymentOrchestrator.Azurite;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.VippsSimulator;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;
using Spectre.Console;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// The HTTP API under the load a demanding finance client puts on it (<c>--only api</c>, issue 21): 200 sequential and
/// 50 concurrent refunds of 1 øre on one captured payment, then reads across sales units — the key's own, another
/// source's and an unknown one. Every answer must be a 2xx or a precise 4xx; the row reports the status classes, p50/p99
/// per phase, the host's RSS before and after, and how long Vipps (the simulator, rate limits off) took to carry out
/// every accepted refund.
/// </summary>
internal static class ApiLoadSuite
{
    public const int SequentialRefunds = 200;
    public const int ConcurrentRefunds = 50;
    public const int Reads = 200;

    private const string FinanceSource = "finance/backoffice";
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(5);

    public static async Task<ApiLoadResult?> RunAsync(BenchEnvironment env, SuiteOptions options, ProgressContext progress, CancellationToken cancellationToken)
    {
        if (!options.Runs("api"))
        {
            return null;
        }

        var task = progress.AddTask($"api: {SequentialRefunds} + {ConcurrentRefunds} refunds on one payment, {Reads} reads");
        await using var storage = await AzuriteServer.StartAsync(AzuriteOptions.ForTests, cancellationToken);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using (var core = await CoreProcess.StartAsync(new CoreSettings(storage.ConnectionString, env.SimulatorAddress, suffix), TimeProvider.System, cancellationToken: cancellationToken))
        {
            // The key's unit, with the webshop and finance; another source's unit, which the key must see as unknown.
            await core.SalesUnits.RegisterAsync(new SalesUnitRegistration(Msn.Create(HostWorkloads.Msn).Value, "Benchmark shop", Market.Norway,
                VippsEnvironment.Production, LocalDefaults.SimulatorKeySetName, [LocalDefaults.WebshopSource, FinanceSource]), cancellationToken);
            await core.SalesUnits.RegisterAsync(new SalesUnitRegistration(Msn.Create(SimulatorDefaults.DenmarkMsn).Value, "Another shop", Market.Denmark,
                VippsEnvironment.Production, LocalDefaults.SimulatorKeySetName, ["webshop/other"]), cancellationToken);
        }

        var settings = LocalHostProcess.SettingsFor(storage.ConnectionString, env.SimulatorAddress, suffix);
        settings["Logging:LogLevel:Default"] = "Warning";
        var key = settings["Local:ApiKeys:0:Key"]!;
        await using var host = await LocalHostProcess.StartAsync(settings, LocalHostProcess.FreePort(), TimeSpan.FromSeconds(90), cancellationToken);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Add("x-api-key", key);

        await using var outcomes = new OutcomeReader(new StorageClients(storage.ConnectionString).Queues.GetQueueClient("events-" + suffix));
        var requests = new StorageClients(storage.ConnectionString).Queues.GetQueueClient("requests-" + suffix);
        var reference = await new HostWorkloads(host, requests, outcomes, env.Admin, suffix).SagaAsync(cancellationToken);
        task.Value = 5;

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var rssBefore = host.WorkingSetBytes();

        var sequential = new ApiPhase("refunds, one after another", SequentialRefunds);
        for (var i = 0; i < SequentialRefunds; i++)
        {
            await sequential.TimeAsync(() => RefundAsync(http, reference, "seq-" + i.ToString(CultureInfo.InvariantCulture), cancellationToken));
            task.Value = 5 + (45.0 * i / SequentialRefunds);
        }

        var concurrent = new ApiPhase("refunds, all at once", ConcurrentRefunds);
        await Task.WhenAll(Enumerable.Range(0, ConcurrentRefunds).Select(i =>
            concurrent.TimeAsync(() => RefundAsync(http, reference, "par-" + i.ToString(CultureInfo.InvariantCulture), cancellationToken))));
        task.Value = 55;

        var reads = new ApiPhase("reads: own payment, own list, another source's unit, an unknown unit", Reads);
        string[] paths =
        [
            $"api/sales-units/{HostWorkloads.Msn}/payments/{reference}",
            $"api/sales-units/{HostWorkloads.Msn}/payment-list?limit=50",
            $"api/sales-units/{SimulatorDefaults.DenmarkMsn}/payments",
            "api/sales-units/999999/payments",
        ];
        for (var i = 0; i < Reads; i++)
        {
            var path = paths[i % paths.Length];
            await reads.TimeAsync(async () => (int)(await http.GetAsync(path, cancellationToken)).StatusCode);
        }

        task.Value = 65;
        var accepted = sequential.Accepted + concurrent.Accepted;
        var settle = Stopwatch.StartNew();
        long refunded = 0;
        while (settle.Elapsed < SettleTimeout && refunded < accepted)
        {
            using var view = JsonDocument.Parse(await http.GetStringAsync($"api/sales-units/{HostWorkloads.Msn}/payments/{reference}", cancellationToken));
            refunded = view.RootElement.GetProperty("summary").GetProperty("refundedMinorUnits").GetInt64();
            task.Value = 65 + (35.0 * refunded / Math.Max(1, accepted));
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        var rssAfter = host.WorkingSetBytes();
        task.Value = 100;
        return new ApiLoadResult([sequential, concurrent, reads], accepted, refunded, settle.Elapsed.TotalSeconds, rssBefore, rssAfter, host.PeakWorkingSetBytes());
    }

    private static async Task<int> RefundAsync(HttpClient http, string reference, string refundId, CancellationToken cancellationToken)
    {
        using var answer = await http.PostAsJsonAsync("api/refunds", new
        {
            msn = HostWorkloads.Msn,
            reference,
            refundId,
            amount = new { value = 1, currency = "NOK" },
            reason = "Benchmark refund",
            requestedBy = "bench@finance.example",
        }, cancellationToken);
        return (int)answer.StatusCode;
    }
}

/// <summary>One phase of the API load: how many answers of each status, and the latency of each request.</summary>
internal sealed class ApiPhase(string name, int requests)
{
    private readonly List<double> _latencies = [];
    private readonly SortedDictionary<int, int> _statuses = [];
    private readonly Stopwatch _clock = new();

    public string Name => name;

    public int Requests => requests;

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public int Accepted => _statuses.GetValueOrDefault(202);

    public int ServerErrors => _statuses.Where(s => s.Key >= 500).Sum(s => s.Value);

    public double Seconds => _clock.Elapsed.TotalSeconds;

    public LatencyStats Stats => LatencyStats.From([.. _latencies], ServerErrors, Seconds);

    public async Task TimeAsync(Func<Task<int>> request)
    {
        lock (_latencies)
        {
            _clock.Start();
        }

        var begin = Stopwatch.GetTimestamp();
        int status;
        try
        {
            status = await request();
        }
#pragma warning disable CA1031 // A request that failed below HTTP (connection reset) is counted as status 0.
        catch (Exception)
#pragma warning restore CA1031
        {
            status = 0;
        }

        var ms = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
        lock (_latencies)
        {
            _latencies.Add(ms);
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            if (_latencies.Count == requests)
            {
                _clock.Stop();
            }
        }
    }
}

internal sealed record ApiLoadResult(
    IReadOnlyList<ApiPhase> Phases, int AcceptedRefunds, long RefundedMinorUnits, double SettleSeconds, long RssBefore, long RssAfter, long RssPeak);
