using System.Globalization;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// The rules of the wake-up index, pure: when a saga needs attention, when a save must write an index row, and what
/// the sweep does with a row it finds due. The index lives in the payments table under partitions
/// <c>W|yyyyMMddHHmm</c> (a minute, UTC), one row per saga and minute (<c>{msn}|{kind}:{id}</c>), so the sweep reads a
/// range of minutes instead of every saga of every sales unit.
/// </summary>
/// <remarks>
/// The rule the index keeps: a saga that needs attention has an index row <em>at or before</em> the minute of its
/// attention — or, for a wake-up that has its own durable timer (within <see cref="Hosting.SagaOrchestrationPolicy.ParkingHorizon"/>
/// of the save), at most <see cref="TimerCover"/> after it: for such a wake-up the sweep is only the safety net under
/// the timer, and the row the saga already has (its command's or its outcomes' lease, two minutes out) covers a first
/// poll five seconds out without another row to write, read and delete. A row earlier than needed is harmless (the
/// sweep reads the saga, finds it not due and moves the row to its minute); a later one would leave the saga waiting.
/// So a save writes a row only when the attention moves to an <em>earlier</em> minute than that, or the saga needed
/// none before — not every time the attention changes minute — and the row is written before the saga row that needs
/// it. The one exception is the sweep's own: a signalled saga's row moves <see cref="SignalRetry"/> ahead, so a save in
/// between that needs no earlier minute than its last may be found up to that much late.
/// </remarks>
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
    /// Outcomes a save leaves unpublished are the publishing of the step that saved them, as a handed-out command is its
    /// executing (for <c>RetryPolicy.CommandTimeout</c>, 2 minutes): the sweep steps in when they are this old. As long
    /// as the command's, this lease keeps a step from indexing "now" between its command's lease and its next wake-up.
    /// </summary>
    public static readonly TimeSpan OutcomeLease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When the saga needs attention: its next wake-up, or — with outcomes still unpublished — <see cref="OutcomeLease"/>
    /// after its last save, whichever is earlier; null when it needs none (finished, or waiting for an input only).
    /// </summary>
    public static DateTimeOffset? AttentionAt(DateTimeOffset? nextWakeUpAt, int unpublishedOutcomes, DateTimeOffset updatedAt)
    {
        DateTimeOffset? outcomes = unpublishedOutcomes > 0 ? updatedAt + OutcomeLease : null;
        return (nextWakeUpAt, outcomes) switch
        {
            ({ } wake, { } lease) => wake < lease ? wake : lease,
            ({ } wake, null) => wake,
            (null, var lease) => lease,
        };
    }

    /// <summary>The index partition of an attention time: its minute, UTC. Partitions sort in time order.</summary>
    public static string Bucket(DateTimeOffset at) =>
        PartitionPrefix + at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>
    /// How much later than a wake-up with its own durable timer the saga's index row may be: the sweep signals such a
    /// wake-up only when it is <see cref="Hosting.MaintenanceOptions.SweepSlack"/> overdue anyway (its orchestration lost or
    /// stuck), so this is how much longer that rescue may take.
    /// </summary>
    public static readonly TimeSpan TimerCover = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether a save at <paramref name="savedAt"/> that moves the saga's attention from <paramref name="before"/> (the
    /// loaded row's, saved at <paramref name="beforeSavedAt"/>) to <paramref name="after"/> must write an index row
    /// first: only when it needed none before, or the latest minute its row may be in (<see cref="RowBound"/>) is earlier
    /// than the latest the row it has may be in. A later attention is covered by the row the earlier one has; the sweep
    /// moves that row when it is due.
    /// </summary>
    public static bool NeedsRow(DateTimeOffset? before, DateTimeOffset beforeSavedAt, DateTimeOffset? after, DateTimeOffset savedAt) =>
        after is { } a && (before is not { } b || string.CompareOrdinal(Bucket(RowBound(a, savedAt)), Bucket(RowBound(b, beforeSavedAt))) < 0);

    /// <summary>
    /// The latest time whose minute may hold the row of an attention at <paramref name="at"/> set by a save at
    /// <paramref name="savedAt"/>: the attention itself, or <see cref="TimerCover"/> after it when the orchestration
    /// waits for it with a durable timer.
    /// </summary>
    public static DateTimeOffset RowBound(DateTimeOffset at, DateTimeOffset savedAt) => HasTimer(at, savedAt) ? at + TimerCover : at;

    /// <summary>Whether the orchestration waits for an attention at <paramref name="at"/>, set at <paramref name="savedAt"/>, with a durable timer (not parked).</summary>
    private static bool HasTimer(DateTimeOffset at, DateTimeOffset savedAt) => at - savedAt <= Hosting.SagaOrchestrationPolicy.ParkingHorizon;

    /// <summary>
    /// What the sweep does with an index row of minute <paramref name="rowBucket"/> (due: at or before now's minute)
    /// for a saga that needs attention at <paramref name="attention"/> (null: none, or the saga is gone) and was last
    /// saved at <paramref name="updatedAt"/>.
    /// </summary>
    /// <remarks>
    /// A wake-up further than <see cref="Hosting.SagaOrchestrationPolicy.ParkingHorizon"/> from the save that set it
    /// was parked (the orchestration holds no timer and waits for this signal), so it is signalled as soon as it is due;
    /// so are outcomes past their <see cref="OutcomeLease"/>. A nearer wake-up has its durable timer, and is signalled
    /// only when <paramref name="slack"/> overdue: its orchestration is lost or stuck, not just busy.
    /// </remarks>
    public static WakeUpSweepAction Decide(string rowBucket, DateTimeOffset? attention, DateTimeOffset updatedAt, DateTimeOffset now, TimeSpan slack)
    {
        ArgumentNullException.ThrowIfNull(rowBucket);
        if (attention is not { } at)
        {
            return WakeUpSweepAction.Delete;
        }

        var parked = !HasTimer(at, updatedAt);
        if (at <= (parked ? now : now - slack))
        {
            return WakeUpSweepAction.Signal;
        }

        // Earlier than needed (the saga's attention moved later, and saves write no row for that): move it to the
        // attention's minute, where another row of the saga's may already be (one row per saga and minute). Otherwise
        // it is read again on the next sweep.
        return string.CompareOrdinal(Bucket(at), rowBucket) > 0 ? WakeUpSweepAction.Move : WakeUpSweepAction.Keep;
    }
}
