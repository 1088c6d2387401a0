namespace PaymentOrchestrator.Benchmarks;

/// <summary>Throughput and latency percentiles of one measured run (warm-up excluded).</summary>
internal sealed record LatencyStats(int Count, int Errors, double Seconds, double P50Ms, double P95Ms, double P99Ms)
{
    public double PerSecond => Seconds > 0 ? Count / Seconds : 0;

    public static LatencyStats From(List<double> latenciesMs, int errors, double seconds)
    {
        latenciesMs.Sort();
        double P(double q) => latenciesMs.Count == 0 ? 0 : latenciesMs[Math.Min(latenciesMs.Count - 1, (int)Math.Ceiling(q * latenciesMs.Count) - 1)];
        return new LatencyStats(latenciesMs.Count, errors, seconds, P(0.50), P(0.95), P(0.99));
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on <paramref name="concurrency"/> workers for warm-up + duration; only operations
    /// that start after the warm-up and end before the deadline count.
    /// </summary>
    public static async Task<LatencyStats> MeasureAsync(
        int concurrency, TimeSpan warmUp, TimeSpan duration, Func<int, Task> operation, Action<double>? progress = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var measureFrom = warmUp;
        var deadline = warmUp + duration;
        var latencies = new List<double>();
        var errors = 0;
        var sequence = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < deadline)
            {
                var begin = clock.Elapsed;
                var ok = true;
                try
                {
                    await operation(Interlocked.Increment(ref sequence));
                }
#pragma warning disable CA1031 // A failed operation is counted, and the run goes on.
                catch (Exception)
#pragma warning restore CA1031
                {
                    ok = false;
                }

                var end = clock.Elapsed;
                if (begin >= measureFrom && end <= deadline)
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

                progress?.Invoke(Math.Min(1.0, clock.Elapsed / deadline));
            }
        }).ToList();
        await Task.WhenAll(workers);
        return From(latencies, errors, duration.TotalSeconds);
    }
}
