namespace PaymentOrchestrator.VippsSimulator.Clock;

/// <summary>
/// The simulator's notion of "now": a base clock (real or injected) plus an offset that the admin endpoint advances.
/// Every expiry, deadline, token lifetime and charge due date is read from here.
/// </summary>
internal sealed class SimulatorClock(TimeProvider baseClock) : TimeProvider
{
    private readonly Lock _gate = new();
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return baseClock.GetUtcNow() + _offset;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>How far the admin API moved this clock ahead of its base clock.</summary>
    public TimeSpan Offset
    {
        get
        {
            lock (_gate)
            {
                return _offset;
            }
        }

        set
        {
            lock (_gate)
            {
                _offset = value;
            }
        }
    }

    public DateTimeOffset Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The simulator clock only moves forward.");
        }

        lock (_gate)
        {
            _offset += by;
            return baseClock.GetUtcNow() + _offset;
        }
    }
}
