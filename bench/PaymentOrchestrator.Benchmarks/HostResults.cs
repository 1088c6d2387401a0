using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>What the host-level part of one run measured (the local host as a child process).</summary>
internal sealed class HostResults
{
    /// <summary>Closed-loop rows: one per (Vipps latency, worker concurrency), plus the one point measured without the proxy.</summary>
    public List<HostSagaPoint> Sagas { get; } = [];

    public List<OpenLoopPoint> OpenLoop { get; } = [];

    public SustainedResult? Sustained { get; set; }

    public HostMemoryResult? Memory { get; set; }

    public HostSagaPoint? Find(int latencyMs, int concurrency) =>
        Sagas.FirstOrDefault(s => s.LatencyMs == latencyMs && s.Concurrency == concurrency && s.Storage is not null);

    /// <summary>The same point measured without the counting proxy (once per run), for its overhead.</summary>
    public HostSagaPoint? Unproxied => Sagas.FirstOrDefault(s => s.Storage is null);
}

/// <param name="LatencyMs">Added by the simulator to every Vipps API call.</param>
/// <param name="Concurrency">Local:Queues:PaymentRequestsConcurrency = Local:Durable:MaxConcurrentActivities.</param>
/// <param name="InFlight">Sagas the load generator kept in flight (closed loop).</param>
/// <param name="Stats">End-to-end: payment.requested sent → payment.captured.v1 read by the webshop.</param>
/// <param name="PeakWorkingSet">VmHWM of the host process at the end of the point.</param>
/// <param name="Azurite">The Azurite mode of the point (in memory or on disk).</param>
/// <param name="Storage">The host's storage requests (null: the point ran without the counting proxy).</param>
/// <param name="Cpu">CPU time of the host and Azurite's Queue and Table processes over the measured window.</param>
internal sealed record HostSagaPoint(
    int LatencyMs, int Concurrency, int InFlight, LatencyStats Stats, long PeakWorkingSet, string Azurite, StorageUse? Storage, ProcessCpu Cpu)
{
    public double HostCpuPerSagaMs => ProcessCpu.PerSagaMs(Cpu.Host, Stats.Count);

    public double AzuriteCpuPerSagaMs => ProcessCpu.PerSagaMs(Cpu.Azurite, Stats.Count);
}

/// <summary>
/// Sagas arriving at a fixed <paramref name="RatePerSecond"/> whatever the host does (open loop).
/// <paramref name="Created"/>: the order event's queue send → <c>payment.created.v1</c> read by the webshop;
/// <paramref name="Sagas"/>: the same sagas' send → <c>payment.captured.v1</c>. <paramref name="Unfinished"/>: arrivals
/// of the measured window not finished when the drain ended. <paramref name="Stages"/>: <paramref name="Created"/> split by
/// what the host recorded (null: the point ran without the counting proxy).
/// </summary>
internal sealed record OpenLoopPoint(
    double RatePerSecond, int LatencyMs, int Concurrency, int Arrivals, LatencyStats Created, LatencyStats Sagas, int Unfinished, string Azurite,
    StorageUse? Storage, CreatedStages? Stages);

/// <summary>A long closed-loop run: finished sagas per second in its first and its last window.</summary>
internal sealed record SustainedResult(
    int LatencyMs, int Concurrency, int InFlight, TimeSpan Duration, TimeSpan Window, double FirstRate, double LastRate, LatencyStats Stats,
    IReadOnlyList<(double Minute, double Rate)> PerMinute, long PeakWorkingSet, string Azurite, StorageUse? Storage);

/// <summary>
/// The host's storage requests over a measured window (gross), and its idle rate measured before the load started.
/// Net = gross less the idle rate over the same window: what the sagas themselves cost.
/// </summary>
/// <param name="Suffix">The point's name suffix, which every table and queue of its host carries (read as <c>*</c> in <see cref="NetPerSagaByResource"/>).</param>
internal sealed record StorageUse(StorageCounts Idle, double IdleSeconds, StorageCounts Window, double WindowSeconds, int Sagas, string Suffix = "")
{
    public double IdlePerSecond => IdleSeconds > 0 ? Idle.Total / IdleSeconds : 0;

    public double GrossPerSaga => Sagas > 0 ? (double)Window.Total / Sagas : 0;

    public double NetPerSaga => Net(Window.Total, Idle.Total);

    public double GrossPerSagaOf(string service) => Sagas > 0 ? (double)Window.Service(service) / Sagas : 0;

    public double NetPerSagaOf(string service) => Net(Window.Service(service), Idle.Service(service));

    /// <summary>The local host's stand-ins for Azure's Service Bus queues (<see cref="HostStorageSettings.ServiceBusStandIns"/>), gross per saga.</summary>
    public double GrossPerSagaOfServiceBusStandIns => Sagas > 0 ? (double)Window.Named(StandIns) / Sagas : 0;

    /// <summary>Net per saga without the Service Bus stand-ins: the sagas' tables and the Durable backend.</summary>
    public double NetPerSagaWithoutServiceBusStandIns => Net(Window.Total - Window.Named(StandIns), Idle.Total - Idle.Named(StandIns));

    private IReadOnlyList<string> StandIns => HostStorageSettings.ServiceBusStandIns(Suffix);

    /// <summary>Net requests per saga by kind (kinds the sagas add to idle polling).</summary>
    public IReadOnlyDictionary<string, double> NetMix() => Window.ByKind.ToDictionary(
        p => p.Key, p => Net(p.Value, Idle.ByKind.TryGetValue(p.Key, out var idle) ? idle : 0), StringComparer.Ordinal);

    /// <summary>
    /// Net requests per saga by kind and the table or queue named, the point's suffix written <c>*</c> so that points
    /// compare row by row (<c>table: merge · hub*Instances</c>).
    /// </summary>
    public IReadOnlyDictionary<string, double> NetPerSagaByResource() => Window.ByResource
        .GroupBy(p => Suffix.Length > 0 ? p.Key.Replace(Suffix, "*", StringComparison.Ordinal) : p.Key, StringComparer.Ordinal)
        .ToDictionary(
            g => g.Key,
            g => Net(g.Sum(p => p.Value), g.Sum(p => Idle.ByResource.TryGetValue(p.Key, out var idle) ? idle : 0)),
            StringComparer.Ordinal);

    private double Net(long window, long idle) =>
        Sagas > 0 && IdleSeconds > 0 ? (window - (idle / IdleSeconds * WindowSeconds)) / Sagas : 0;
}

/// <summary>Resident memory of the host with <paramref name="Sagas"/> sagas awaiting the customer, <paramref name="Seconds"/> into the run.</summary>
internal sealed record HostMemorySample(int Sagas, double Seconds, ResidentMemory Memory);

internal sealed record HostMemoryResult(
    int Goal,
    int Reached,
    int Msns,
    int Concurrency,
    int InFlight,
    TimeSpan Limit,
    double Seconds,
    int Errors,
    ResidentMemory Baseline,
    ResidentMemory Final,
    IReadOnlyList<HostMemorySample> Samples);
