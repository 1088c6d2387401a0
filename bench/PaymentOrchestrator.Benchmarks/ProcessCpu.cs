using System.Diagnostics;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// CPU time (user + system) that the engine's processes of one point spent over its measured window: the host and
/// Azurite's Queue and Table services (the simulator stands in for Vipps and is not counted). Per saga it is the
/// engine's cost in CPU, steadier on a shared machine than a rate in a short window (a busy neighbour slows the rate but
/// hardly changes the CPU a saga needs).
/// </summary>
internal sealed record ProcessCpu(TimeSpan Host, TimeSpan Queue, TimeSpan Table)
{
    public TimeSpan Azurite => Queue + Table;

    public static double PerSagaMs(TimeSpan cpu, int sagas) => sagas > 0 ? cpu.TotalMilliseconds / sagas : 0;

    /// <summary>What the processes spent between <paramref name="from"/> and <paramref name="until"/> from now.</summary>
    public static async Task<ProcessCpu> MeasureAsync(
        int host, int queue, int table, TimeSpan from, TimeSpan until, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Task.Delay(from, cancellationToken);
        var before = Read(host, queue, table);
        await Task.Delay(until - clock.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero, cancellationToken);
        var after = Read(host, queue, table);
        return new ProcessCpu(after.Host - before.Host, after.Queue - before.Queue, after.Table - before.Table);
    }

    private static ProcessCpu Read(int host, int queue, int table) => new(Of(host), Of(queue), Of(table));

    /// <summary>A process that has exited reads as zero (the point then reports its own failure).</summary>
    private static TimeSpan Of(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }
}
