namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// How to poll while waiting for the customer (Vipps: start 5 s after creation, then every 2 s, back off). Each read
/// that finds nothing new waits <see cref="Factor"/> times longer, up to <see cref="MaxInterval"/>, until the window
/// (10 minutes for the customer, plus grace) has closed.
/// </summary>
public sealed record PollingPolicy
{
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    public double Factor { get; init; } = 1.5;

    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after the <paramref name="reads"/>-th read that found the customer still deciding.</summary>
    public TimeSpan IntervalAfter(int reads)
    {
        var ticks = Interval.Ticks * Math.Pow(Factor, Math.Max(0, reads - 1));
        return ticks >= MaxInterval.Ticks ? MaxInterval : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The next read after a read at <paramref name="now"/>; the last one lands on the window's close.</summary>
    public DateTimeOffset? NextPoll(DateTimeOffset startedAt, int reads, DateTimeOffset now)
    {
        var closesAt = startedAt + Window + Grace;
        if (now >= closesAt)
        {
            return null;
        }

        var next = now + IntervalAfter(reads);
        return next < closesAt ? next : closesAt;
    }
}
