using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>Writes docs/performance.md and docs/performance.png from one run's results.</summary>
internal static class PerformanceReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Which of launch.js's Azurite patches this run had (each turned off by its environment variable).</summary>
    private static string AzuritePatches()
    {
        static bool Off(string name) => string.Equals(Environment.GetEnvironmentVariable(name), "off", StringComparison.Ordinal);
        static string State(bool on) => on ? "on" : "**off**";
        var map = !Off("AZURITE_ENTITY_INDEX");
        return $"entity key map {State(map)}, partition query index {State(map && !Off("AZURITE_QUERY_INDEX"))}, "
            + $"entity writes in place {State(map && !Off("AZURITE_ENTITY_WRITES"))}";
    }

    public static string Machine()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(Inv, $"{Environment.ProcessorCount} cores, {memory:F0} GiB memory, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
    }

    public static string Markdown(SuiteResults r, SuiteOptions o, string command, string chartFile)
    {
        var md = new StringBuilder();
        void L(string line = "") => md.Append(line).Append('\n');
        string F(double v, string format = "F1") => v.ToString(format, Inv);

        L("# Performance");
        L();
        L("Figures, not adjectives: measured by `bench/PaymentOrchestrator.Benchmarks` in **one run**, so the ratios between");
        L("them are meaningful even though the absolute numbers depend on the machine. Reproduce with:");
        L();
        L("```bash");
        L(command);
        L("```");
        L();
        L("One part alone: `-- --only host|open-loop|sustained|storage|tokens|host-memory|api|list` (`host` = the closed-loop rows");
        L("at 1…16 workers, `open-loop` = fixed arrival rates, `sustained` = the long run, `storage` = the storage ceiling,");
        L("`host-memory` = memory with sagas in flight, `list` = the payment list and export at 1,000–100,000 payments); `--minutes M` sets the sustained run's length (and the host-memory run's limit), `--azurite disk` runs");
        L("every point's Azurite on disk instead of in memory; `--quick` is a short run. Partial and quick runs write to");
        L("`artifacts/benchmarks/`; only a full run of everything replaces this page and its chart.");
        L();
        L(string.Create(Inv, $"- **Machine:** {Machine()}. Shared with other builds while it ran: expect ±20–30 % noise between runs; compare ratios, not absolutes."));
        L(string.Create(Inv, $"- **Run:** {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {(o.Quick ? "quick" : "full")}, {r.Elapsed.TotalMinutes:F1} min."));
        L(string.Create(Inv, $"- **What runs:** every host point on its own empty Azurite 3.35.0 (**{o.AzuriteMode}**, free ports) and the Vipps simulator in a"));
        L("  separate process (Kestrel on 127.0.0.1, rate limits off), all started by the command. Every row is **the real engine**:");
        L("  `PaymentOrchestrator.Local run` as a child process — its queue workers, its sagas as Durable orchestrations on the");
        L("  Durable Task Framework's Azure Storage backend, webhooks from the simulator over HTTP.");
        L("- **Azurite's patches in launch.js** (README, \"Azurite\"): " + AzuritePatches() + ".");
        if (o.HostDll is not null)
        {
            L("- **The host rows ran another build of the host** (`--host-dll`): `" + o.HostDll + "`.");
        }

        if (o.HostSettings is { Count: > 0 } given)
        {
            L("- **Every host ran with** (`--host-setting`): " + string.Join(", ", given.Select(s => "`" + s.Key + "=" + s.Value + "`")) + ".");
        }

        if (o.ApproveAfter > TimeSpan.Zero)
        {
            L(string.Create(CultureInfo.InvariantCulture, $"- **The customer approves {o.ApproveAfter.TotalSeconds:0.#} s after `payment.created.v1`** (`--approve-after`), not at once: every saga is polled while it waits (the Vipps guideline's 5 s, then 2 s backing off)."));
        }
        L("- **Storage requests are counted by the benchmark** (section 2): the host's storage connection string points at a");
        L("  counting proxy in the benchmark process, so the Durable backend's own queue, table and blob requests are counted");
        L("  with the rest of the host's.");
        L();
        L("## 1. ePayment sagas through the local host");
        L();
        HostReport.Sagas(r, o, L);
        L($"![payments per second by workers]({chartFile})");
        L();
        L("## 2. Storage requests per saga");
        L();
        HostReport.Storage(r, L);
        L("## 3. Open loop: order event → payment.created at a fixed arrival rate");
        L();
        HostReport.OpenLoop(r, o, L);
        L("## 4. Sustained load");
        L();
        HostReport.Sustained(r, o, L);
        L("## 5. Storage ceiling");
        L();
        if (r.StorageCeiling.Count > 0 && r.CeilingSource is { Storage: not null } point)
        {
            L(string.Create(Inv, $"The host's own requests per saga net of idle polling (section 2, at {point.LatencyMs} ms, {point.Concurrency} workers) replayed with the raw"));
            var replayed = string.Join(", ", r.CeilingMix.Select(m => string.Create(Inv, $"{m.Count} × {m.Kind}")));
            L(string.Create(Inv, $"`TableClient`/`QueueClient` against an empty Azurite ({r.CeilingAzurite}) and nothing else, sequentially per saga-equivalent: {replayed}."));
            L("Table transactions hold 4 entities, like a history or saga save." + (r.CeilingSkipped.Count > 0 ? " Not replayed (net per saga): " + string.Join(", ", r.CeilingSkipped) + "." : string.Empty));
            L();
            L("| workers | saga-equivalents/s | p50 ms | p99 ms |");
            L("|---:|---:|---:|---:|");
            foreach (var (concurrency, s) in r.StorageCeiling)
            {
                L(string.Create(Inv, $"| {concurrency} | {F(s.PerSecond)} | {F(s.P50Ms, "F0")} | {F(s.P99Ms, "F0")} |"));
            }

            L();
            if (r.CeilingThroughProxy is { } proxied && r.StorageCeiling.FirstOrDefault(c => c.Concurrency == 1).Stats is { } direct)
            {
                var requests = r.CeilingMix.Sum(m => m.Count);
                var added = requests > 0 ? (proxied.P50Ms - direct.P50Ms) / requests : 0;
                L(string.Create(Inv, $"**The counting proxy's cost per request:** the one-worker ceiling through the proxy made {F(proxied.PerSecond)} saga-equivalents/s (p50 {F(proxied.P50Ms, "F0")} ms)"));
                L(string.Create(Inv, $"against {F(direct.PerSecond)}/s (p50 {F(direct.P50Ms, "F0")} ms) straight to Azurite: {HostReport.Ratio(proxied.PerSecond, direct.PerSecond)}, about {added:F2} ms added per request ({requests} requests in sequence)."));
                L();
            }

            L(string.Create(Inv, $"The host at that point: {F(point.Stats.PerSecond)} payments/s, {HostReport.Ratio(point.Stats.PerSecond, r.StorageCeiling.Max(c => c.Stats.PerSecond))} of the best ceiling row."));
        }
        else
        {
            L("Not measured in this run (`--only storage`).");
        }

        if (r.QueryCost.Count > 0)
        {
            L();
            var narrowed = !string.Equals(Environment.GetEnvironmentVariable("AZURITE_QUERY_INDEX"), "off", StringComparison.Ordinal)
                && !string.Equals(Environment.GetEnvironmentVariable("AZURITE_ENTITY_INDEX"), "off", StringComparison.Ordinal);
            L("**Does a query slow down as the table fills?** Azurite (LokiJS) runs every entity query, even `PartitionKey eq '…'`,");
            L("as its query interpreter over every row of the table; launch.js reads only the partition such a query pins");
            L("(`AZURITE_QUERY_INDEX=off`: Azurite's own scan). This run: " + (narrowed ? "**launch.js's partition index on**." : "**Azurite's own scan** (the index turned off)."));
            L("A point read against a query for one partition of 10 rows (the shape of a Durable history load or instance-status");
            L("check) on one Azurite (" + o.AzuriteMode + ") whose table holds more and more rows in other partitions, nothing else running");
            L("(p50 of 40 each): if the query's cost grows with the table, a long run slows down as finished sagas' history accumulates.");
            L();
            L("| rows in the table | point read p50 ms | one-partition query p50 ms | query / read |");
            L("|---:|---:|---:|---:|");
            foreach (var q in r.QueryCost)
            {
                L(string.Create(Inv, $"| {q.Rows:N0} | {q.PointReadMs:F1} | {q.PartitionQueryMs:F1} | {(q.PointReadMs > 0 ? q.PartitionQueryMs / q.PointReadMs : 0):F0}× |"));
            }
        }

        L();
        L("## 6. Token requests");
        L();
        if (r.ApiCalls > 0)
        {
            var per10k = r.TokenRequests * 10_000.0 / r.ApiCalls;
            L(string.Create(Inv, $"A fresh process (fresh token cache) made {r.ApiCalls:N0} ePayment API calls with one key set (partner keys), 16 at a time:"));
            L(string.Create(Inv, $"**{r.TokenRequests} token request(s)**, i.e. **{per10k:F1} per 10,000 API calls** (simulator counters). Goal: one per key set"));
            L("per token lifetime (1 h in the simulator, 24 h at Vipps in production) — the cache is single-flight, so 16 concurrent");
            L("first calls share one request.");
        }
        else
        {
            L("Not measured in this run.");
        }

        L();
        L("## 7. Memory with sagas in flight");
        L();
        HostReport.Memory(r, o, L);
        ApiLoadReport.Section(r.ApiLoad, L);
        ListExportReport.Section(r.ListExport, o.AzuriteMode, L);
        L("## Reading the figures, and what would make them stronger");
        L();
        L("- Azurite runs as three single-threaded Node.js processes (blob, queue, table) on the same 2 cores as the host,");
        L("  the simulator and the benchmark; it is the bottleneck of every figure here (compare the storage ceiling). In");
        L("  memory its queues are still on disk (a scratch folder): its in-memory queue store stalls under load. On disk it");
        L("  rewrites a whole database on each save, so saving costs more as the tables fill; every point starts on an empty");
        L("  Azurite, and the sustained row shows what filling does over time.");
        L("  Against Azure Storage the bounds would be per-partition and per-queue limits instead.");
        L("- Every number comes from one run on a shared, noisy machine. A dedicated machine and 3–5 repetitions with the");
        L("  median would make the absolute figures trustworthy; the ratios are the point of this page.");
        HostReport.Reading(r, L);
        return md.ToString();
    }

    public static void Chart(SuiteResults r, SuiteOptions o, string path)
    {
        var plot = new ScottPlot.Plot();
        var xs = o.Concurrency.Select(c => (double)c).ToArray();
        var positions = Enumerable.Range(0, xs.Length).Select(i => (double)i).ToArray();
        // Host level: x = worker concurrency N of the local host (2N + 4 sagas in flight).
        foreach (var latency in o.LatenciesMs)
        {
            var ys = o.Concurrency.Select(c => r.Host.Find(latency, c)?.Stats.PerSecond is { } v && v > 0 ? Math.Log10(v) : double.NaN).ToArray();
            if (ys.All(double.IsNaN))
            {
                continue;
            }

            var line = plot.Add.Scatter(positions, ys);
            line.LegendText = string.Create(Inv, $"local host (child process), {latency} ms");
            line.LineWidth = 3;
            line.MarkerSize = 9;
            line.MarkerShape = ScottPlot.MarkerShape.FilledSquare;
            if (latency > 0)
            {
                line.LinePattern = ScottPlot.LinePattern.Dashed;
            }
        }

        if (r.StorageCeiling.Count > 0)
        {
            var top = r.StorageCeiling.OrderBy(s => s.Concurrency).Last();
            var h = plot.Add.HorizontalLine(Math.Log10(Math.Max(1, top.Stats.PerSecond)));
            h.LegendText = string.Create(Inv, $"storage ceiling, {top.Concurrency} workers");
            h.LinePattern = ScottPlot.LinePattern.Dotted;
        }

        plot.Axes.Bottom.SetTicks(positions, o.Concurrency.Select(c => c.ToString(Inv)).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("N0", Inv),
        };
        // Room below 1/s for the legend, clear of every line.
        plot.Axes.SetLimitsY(-0.6, 2.6);
        plot.XLabel("queue worker and activity concurrency N (2N + 4 sagas in flight)");
        plot.YLabel("payments per second (log scale)");
        plot.Title("ePayment sagas (create → approve → webhook → capture) through the local host on the Durable engine");
        // Outside the data area: with the host lines there is no corner that every line avoids.
        plot.ShowLegend(ScottPlot.Edge.Right);
        plot.SavePng(path, 1250, 560);
    }
}
