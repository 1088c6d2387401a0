namespace PaymentOrchestrator.Local.Hosting;

/// <summary>
/// The clock of a local run with the in-process simulator: the real clock plus an offset that only moves forward.
/// The host and the simulator both read it, so "three days later" (a charge's due date) is three days later for Vipps,
/// for the sagas and for webhook signatures alike.
/// </summary>
public sealed class LocalClock(TimeProvider baseClock) : TimeProvider
{
    private readonly Lock _gate = new();
    private TimeSpan _offset;

    public LocalClock()
        : this(System)
    {
    }

    public TimeSpan Offset
    {
        get
        {
            lock (_gate)
            {
                return _offset;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return baseClock.GetUtcNow() + _offset;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward by <paramref name="by"/> and returns the new time.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _offset += by;
            return baseClock.GetUtcNow() + _offset;
        }
    }
}
