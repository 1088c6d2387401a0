using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Tests.Stores;

/// <summary>The wake-up index's pure rules (<see cref="WakeUpIndex"/>): attention, minutes, when a save writes, what the sweep does.</summary>
public sealed class WakeUpIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 30, 20, TimeSpan.Zero);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    [Fact]
    public void attention_is_the_next_wake_up_or_the_outcomes_lease_while_outcomes_wait_whichever_is_earlier()
    {
        Assert.Equal(Now.AddDays(3), WakeUpIndex.AttentionAt(Now.AddDays(3), 0, Now));
        Assert.Equal(Now + WakeUpIndex.OutcomeLease, WakeUpIndex.AttentionAt(Now.AddDays(3), 2, Now));
        Assert.Equal(Now + WakeUpIndex.OutcomeLease, WakeUpIndex.AttentionAt(null, 1, Now));
        Assert.Equal(Now.AddSeconds(-5), WakeUpIndex.AttentionAt(Now.AddSeconds(-5), 1, Now));
        Assert.Null(WakeUpIndex.AttentionAt(null, 0, Now));
    }

    [Fact]
    public void the_bucket_is_the_utc_minute_and_buckets_sort_in_time_order()
    {
        Assert.Equal("W|202612061030", WakeUpIndex.Bucket(Now));
        Assert.Equal("W|202612061030", WakeUpIndex.Bucket(new DateTimeOffset(2026, 12, 6, 11, 30, 59, TimeSpan.FromHours(1))));
        Assert.True(string.CompareOrdinal(WakeUpIndex.Bucket(Now.AddMinutes(59)), WakeUpIndex.Bucket(Now.AddDays(1))) < 0);
    }

    [Fact]
    public void a_save_writes_an_index_row_only_when_the_attention_moves_to_an_earlier_minute_or_had_none()
    {
        // Saved long ago: none of these wake-ups has a durable timer, so the minute decides.
        var savedAt = Now.AddHours(-1);
        Assert.True(WakeUpIndex.NeedsRow(null, savedAt, Now, savedAt));
        Assert.False(WakeUpIndex.NeedsRow(Now, savedAt, Now.AddSeconds(30), savedAt));
        Assert.False(WakeUpIndex.NeedsRow(Now, savedAt, Now.AddMinutes(1), savedAt));
        Assert.False(WakeUpIndex.NeedsRow(Now, savedAt, Now.AddDays(3), savedAt));
        Assert.True(WakeUpIndex.NeedsRow(Now, savedAt, Now.AddMinutes(-1), savedAt));
        Assert.False(WakeUpIndex.NeedsRow(Now, savedAt, null, savedAt));
    }

    [Fact]
    public void a_wake_up_with_its_durable_timer_is_covered_by_a_row_up_to_the_timer_cover_later()
    {
        // A first poll 5 s after the save, with the command's lease row two minutes out: no second row.
        var lease = Now + WakeUpIndex.OutcomeLease;
        Assert.False(WakeUpIndex.NeedsRow(lease, Now, Now.AddSeconds(5), Now));
        Assert.False(WakeUpIndex.NeedsRow(Now.AddSeconds(5) + WakeUpIndex.TimerCover, Now, Now.AddSeconds(5), Now));
        Assert.True(WakeUpIndex.NeedsRow(Now.AddSeconds(5) + WakeUpIndex.TimerCover + TimeSpan.FromMinutes(1), Now, Now.AddSeconds(5), Now));
        Assert.True(WakeUpIndex.NeedsRow(null, Now, Now.AddSeconds(5), Now));
        // Parked (beyond the horizon): the row must be at or before its minute.
        var parked = Now + SagaOrchestrationPolicy.ParkingHorizon + TimeSpan.FromMinutes(1);
        Assert.True(WakeUpIndex.NeedsRow(parked.AddMinutes(1), Now, parked, Now));
        // A lease after a first poll that had no row of its own: the row it has may be up to the cover after that poll,
        // so a lease in an earlier minute than that needs its own.
        var poll = new DateTimeOffset(2026, 12, 6, 10, 30, 50, TimeSpan.Zero);
        Assert.True(WakeUpIndex.NeedsRow(poll, poll.AddSeconds(-5), poll.AddSeconds(58), poll.AddSeconds(-3)));
        Assert.False(WakeUpIndex.NeedsRow(poll, poll.AddSeconds(-5), poll + WakeUpIndex.TimerCover, poll.AddSeconds(1)));

        // The sweep reaching that later row signals the overdue wake-up: the orchestration's timer did not fire.
        var wakeUp = Now.AddSeconds(5);
        var sweptAt = wakeUp + WakeUpIndex.TimerCover;
        Assert.Equal(WakeUpSweepAction.Signal, WakeUpIndex.Decide(WakeUpIndex.Bucket(sweptAt), wakeUp, Now, sweptAt, Slack));
    }

    [Fact]
    public void a_saga_that_needs_no_attention_or_is_gone_drops_out()
    {
        Assert.Equal(WakeUpSweepAction.Delete, WakeUpIndex.Decide(WakeUpIndex.Bucket(Now), null, Now.AddMinutes(-3), Now, Slack));
    }

    [Fact]
    public void a_wake_up_with_its_timer_is_signalled_only_when_overdue_by_the_slack()
    {
        var savedAt = Now.AddSeconds(-40);
        var row = WakeUpIndex.Bucket(Now.AddSeconds(-20));
        Assert.Equal(WakeUpSweepAction.Keep, WakeUpIndex.Decide(row, Now.AddSeconds(-20), savedAt, Now, Slack));
        Assert.Equal(WakeUpSweepAction.Signal, WakeUpIndex.Decide(row, Now.AddSeconds(-31), savedAt.AddSeconds(-11), Now, Slack));
    }

    [Fact]
    public void a_parked_wake_up_and_outcomes_past_their_lease_are_signalled_as_soon_as_due()
    {
        var savedAt = Now - SagaOrchestrationPolicy.ParkingHorizon - TimeSpan.FromMinutes(5);
        var row = WakeUpIndex.Bucket(Now);
        Assert.Equal(WakeUpSweepAction.Signal, WakeUpIndex.Decide(row, Now.AddSeconds(-1), savedAt, Now, Slack));
        Assert.Equal(WakeUpSweepAction.Keep, WakeUpIndex.Decide(row, Now.AddSeconds(1), savedAt, Now, Slack));
        var outcomesSavedAt = Now - WakeUpIndex.OutcomeLease;
        Assert.Equal(WakeUpSweepAction.Signal, WakeUpIndex.Decide(row, WakeUpIndex.AttentionAt(null, 1, outcomesSavedAt), outcomesSavedAt, Now, Slack));
    }

    [Fact]
    public void a_row_earlier_than_its_sagas_attention_is_moved_and_one_not_yet_due_is_kept()
    {
        var row = WakeUpIndex.Bucket(Now.AddMinutes(-2));
        Assert.Equal(WakeUpSweepAction.Move, WakeUpIndex.Decide(row, Now.AddMinutes(5), Now, Now, Slack));
        Assert.Equal(WakeUpSweepAction.Move, WakeUpIndex.Decide(row, Now.AddDays(3), Now, Now, Slack));
        // After a retry moved the row ahead, an attention in an earlier minute is covered by it until it is due.
        Assert.Equal(WakeUpSweepAction.Keep, WakeUpIndex.Decide(WakeUpIndex.Bucket(Now), Now.AddSeconds(-10), Now.AddSeconds(-12), Now, Slack));
    }
}
