using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>
/// Timing of the charge saga. Vipps attempts charges on the due day and the retry days at times we must not depend on,
/// so the saga reads once after creation, then through the due day and retry days, and a last time after them.
/// </summary>
public sealed record ChargeOptions
{
    /// <summary>Due date at least this many days after today (UTC) — 2 in production, 1 in the test environment.</summary>
    public int MinimumDueDays { get; init; } = 2;

    public TimeSpan FirstReadDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First read on the due day, after its 00:00 UTC.</summary>
    public TimeSpan DueDayFirstRead { get; init; } = TimeSpan.FromHours(8);

    public TimeSpan DuePollInterval { get; init; } = TimeSpan.FromHours(6);

    /// <summary>The last read: this long after 00:00 UTC of the day after the last retry day.</summary>
    public TimeSpan FinalCheckAfter { get; init; } = TimeSpan.FromHours(1);

    public RetryPolicy Retry { get; init; } = new();
}
