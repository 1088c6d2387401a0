namespace PaymentOrchestrator.Benchmarks;

/// <summary>What the host-level part of one run measured (the local host as a child process).</summary>
internal sealed class HostResults
{
    /// <summary>One row per (Vipps latency, worker concurrency): sagas measured, sagas kept in flight, host peak RSS.</summary>
    public List<HostSagaPoint> Sagas { get; } = [];

    public HostMemoryResult? Memory { get; set; }

    public HostSagaPoint? Find(int latencyMs, int concurrency) =>
        Sagas.FirstOrDefault(s => s.LatencyMs == latencyMs && s.Concurrency == concurrency);
}

/// <param name="LatencyMs">Added by the simulator to every Vipps API call.</param>
/// <param name="Concurrency">Local:Queues:PaymentRequestsConcurrency = Local:Durable:MaxConcurrentActivities.</param>
/// <param name="InFlight">Sagas the load generator kept in flight (closed loop).</param>
/// <param name="Stats">End-to-end: payment.requested sent → payment.captured.v1 read by the webshop.</param>
/// <param name="PeakWorkingSet">VmHWM of the host process at the end of the point.</param>
internal sealed record HostSagaPoint(int LatencyMs, int Concurrency, int InFlight, LatencyStats Stats, long PeakWorkingSet);

/// <summary>Working set of the host with <paramref name="Sagas"/> sagas awaiting the customer, <paramref name="Seconds"/> into the run.</summary>
internal sealed record HostMemorySample(int Sagas, double Seconds, long WorkingSet, long PeakWorkingSet);

internal sealed record HostMemoryResult(
    int Goal,
    int Reached,
    int Msns,
    int Concurrency,
    int InFlight,
    TimeSpan Limit,
    double Seconds,
    int Errors,
    long BaselineWorkingSet,
    long FinalWorkingSet,
    long FinalPeakWorkingSet,
    IReadOnlyList<HostMemorySample> Samples);
