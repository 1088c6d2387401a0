namespace PaymentOrchestrator.Functions.Tests.Support;

/// <summary>
/// The clock the sagas and the simulator share in a test, as the local host's LocalClock: real time plus an offset that
/// only moves forward. Durable timers do not read it; a saga is handed in again after it moves.
/// </summary>
internal sealed class SharedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
