using System.Globalization;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// The rules of the wake-up index, pure: which minute a saga needs attention in, when a save must write an index row,
/// and what the sweep does with a row it finds due. The index lives in the payments table under partitions
/// <c>W|yyyyMMddHHmm</c> (a minute of attention time, UTC), one row per saga (<c>{msn}|{kind}:{id}</c>), so the sweep reads
/// a range of minutes instead of every saga of every sales unit.
/// </summary>
public static class WakeUpIndex
{
    /// <summary>Index partitions start with this; sales units' partitions are MSNs (digits), so they never meet.</summary>
    public const string PartitionPrefix = "W|";

    /// <summary>
    /// A signalled saga's index row moves this far ahead, so a signal that was lost (or an orchestration that is slow
    /// to read its saga) is retried, not repeated on every sweep.
    /// </summary>
    public static readonly TimeSpan SignalRetry = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When the saga needs attention: its next wake-up, or — with outcomes still unpublished — its last save, whichever
    /// is earlier; null when it needs none (finished, or waiting for an input only).
    /// </summary>
    public static DateTimeOffset? AttentionAt(DateTimeOffset? nextWakeUpAt, int unpublishedOutcomes, DateTimeOffset updatedAt)
    {
        DateTimeOffset? outcomes = unpublishedOutcomes > 0 ? updatedAt : null;
        return (nextWakeUpAt, outcomes) switch
        {
            ({ } wake, { } since) => wake < since ? wake : since,
            ({ } wake, null) => wake,
            (null, var since) => since,
        };
    }

    /// <summary>The index partition of an attention time: its minute, UTC. Partitions sort in time order.</summary>
    public static string Bucket(DateTimeOffset at) =>
        PartitionPrefix + at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether a save that moves the saga's attention from <paramref name="before"/> (the loaded row's) to
    /// <paramref name="after"/> must write an index row: only when the minute changes. The loaded row's minute has its
    /// row already; a stale row left behind is the sweep's to delete.
    /// </summary>
    public static bool NeedsRow(DateTimeOffset? before, DateTimeOffset? after) =>
        after is { } a && (before is not { } b || Bucket(a) != Bucket(b));

    /// <summary>
    /// What the sweep does with an index row of minute <paramref name="rowBucket"/> (due: at or before now's minute)
    /// for a saga that needs attention at <paramref name="attention"/> (null: none, or the saga is gone) and was last
    /// saved at <paramref name="updatedAt"/>.
    /// </summary>
    /// <remarks>
    /// A wake-up further than <see cref="Hosting.SagaOrchestrationPolicy.ParkingHorizon"/> from the save that set it
    /// was parked (the orchestration holds no timer and waits for this signal), so it is signalled as soon as it is due.
    /// A nearer one has its durable timer, and is signalled only when <paramref name="slack"/> overdue: its
    /// orchestration is lost or stuck, not just busy.
    /// </remarks>
    public static WakeUpSweepAction Decide(string rowBucket, DateTimeOffset? attention, DateTimeOffset updatedAt, DateTimeOffset now, TimeSpan slack)
    {
        ArgumentNullException.ThrowIfNull(rowBucket);
        if (attention is not { } at)
        {
            return WakeUpSweepAction.Delete;
        }

        var parked = at - updatedAt > Hosting.SagaOrchestrationPolicy.ParkingHorizon;
        if (at <= (parked ? now : now - slack))
        {
            return WakeUpSweepAction.Signal;
        }

        // Attention later than this row's minute: the save that moved it wrote that minute's row. Otherwise this row
        // is the saga's own (same minute, or earlier after a retry) and is read again on the next sweep.
        return string.CompareOrdinal(Bucket(at), rowBucket) > 0 ? WakeUpSweepAction.Delete : WakeUpSweepAction.Keep;
    }
}
