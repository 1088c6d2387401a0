namespace PaymentOrchestrator.Testing.Chaos;

/// <summary>
/// The orchestrator's clock for load and chaos runs: real time (optionally sped up) plus an offset that jumps when a
/// "process" has been down, so sagas see the 2-minute re-issue window pass without waiting for it. Timers stay real
/// (the base <see cref="TimeProvider"/> timers), so the Vipps client's Polly delays and Retry-After waits still take
/// real time — only the sagas' notion of "now" moves faster.
/// </summary>
public sealed class OffsetClock : TimeProvider
{
    private readonly DateTimeOffset _start = System.GetUtcNow();
    private readonly long _startTimestamp = System.GetTimestamp();
    private readonly double _speed;
    private long _offsetTicks;

    public OffsetClock(double speed = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1.0);
        _speed = speed;
    }

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow()
    {
        var elapsed = System.GetElapsedTime(_startTimestamp);
        return _start + TimeSpan.FromTicks((long)(elapsed.Ticks * _speed)) + Offset;
    }

    /// <summary>Moves "now" forward (a host that was down for this long).</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
