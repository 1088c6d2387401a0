namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// Backoff for transient command failures (timeouts, 5xx, 429, 423, "try again later" codes). The retry reuses the
/// command's idempotency key. After <see cref="MaxAttempts"/> attempts the saga needs attention.
/// </summary>
/// <remarks>
/// The defaults keep trying for about two hours (2 s doubling to 5 min, 30 attempts): a Vipps outage or a network cut of
/// that long heals by itself, and no capture, refund or read is left for a person to redo by hand in the portal. (Six
/// attempts, the old default, gave up after about a minute.)
/// </remarks>
public sealed record RetryPolicy
{
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    public double Factor { get; init; } = 2;

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxAttempts { get; init; } = 30;

    /// <summary>A command handed out but not answered within this time is handed out again (same key).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Delay before the next attempt after <paramref name="failures"/> transient failures (1 or more).</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var ticks = BaseDelay.Ticks * Math.Pow(Factor, Math.Max(0, failures - 1));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
