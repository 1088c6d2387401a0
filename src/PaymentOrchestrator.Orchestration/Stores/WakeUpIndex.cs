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
/// attention, and its row records which (<see cref="StoredSaga.WakeUpBucket"/>). A row earlier than needed is harmless
/// (the sweep reads the saga, finds it not due and moves the row to its minute); a later one would leave the saga
/// waiting. So a save writes a row only when the attention moves <em>earlier</em> than the recorded row, or the saga has
/// none — not every time the attention changes minute — and the row is written before the saga row that needs it.
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
    /// What a write of the saga row does to the index, given the row it has (<paramref name="indexed"/>, null: none)
    /// and its attention after the write: <c>Write</c> is the minute whose index row must be written first (null:
    /// none), <c>Indexed</c> the row the saga row records. A saga needing no attention records none, so that once the
    /// sweep deleted its row, the next attention writes one.
    /// </summary>
    public static (string? Write, string? Indexed) Plan(string? indexed, DateTimeOffset? attention)
    {
        if (attention is not { } at)
        {
            return (null, null);
        }

        var bucket = Bucket(at);
        return indexed is null || string.CompareOrdinal(bucket, indexed) < 0 ? (bucket, bucket) : (null, indexed);
    }

    /// <summary>
    /// What the sweep does with an index row of minute <paramref name="rowBucket"/> (due: at or before now's minute)
    /// for a saga that needs attention at <paramref name="attention"/> (null: none, or the saga is gone), records
    /// <paramref name="indexed"/> as its row and was last saved at <paramref name="updatedAt"/>.
    /// </summary>
    /// <remarks>
    /// A wake-up further than <see cref="Hosting.SagaOrchestrationPolicy.ParkingHorizon"/> from the save that set it
    /// was parked (the orchestration holds no timer and waits for this signal), so it is signalled as soon as it is due;
    /// so are outcomes past their <see cref="OutcomeLease"/>. A nearer wake-up has its durable timer, and is signalled
    /// only when <paramref name="slack"/> overdue: its orchestration is lost or stuck, not just busy. A saga whose
    /// recorded row is another one (a save wrote an earlier row since) does not need this one; a saga recording none
    /// was saved before rows were recorded, and this row is treated as its own.
    /// </remarks>
    public static WakeUpSweepAction Decide(
        string rowBucket, DateTimeOffset? attention, string? indexed, DateTimeOffset updatedAt, DateTimeOffset now, TimeSpan slack)
    {
        ArgumentNullException.ThrowIfNull(rowBucket);
        if (attention is not { } at || (indexed is not null && indexed != rowBucket))
        {
            return WakeUpSweepAction.Delete;
        }

        var parked = at - updatedAt > Hosting.SagaOrchestrationPolicy.ParkingHorizon;
        if (at <= (parked ? now : now - slack))
        {
            return WakeUpSweepAction.Signal;
        }

        // Earlier than needed (the saga's attention moved later and no save wrote a row for it): move it to the
        // attention's minute. Otherwise it is read again on the next sweep.
        return string.CompareOrdinal(Bucket(at), rowBucket) > 0 ? WakeUpSweepAction.Move : WakeUpSweepAction.Keep;
    }
}
