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
        Assert.True(WakeUpIndex.NeedsRow(null, Now));
        Assert.False(WakeUpIndex.NeedsRow(Now, Now.AddSeconds(30)));
        Assert.False(WakeUpIndex.NeedsRow(Now, Now.AddMinutes(1)));
        Assert.False(WakeUpIndex.NeedsRow(Now, Now.AddDays(3)));
        Assert.True(WakeUpIndex.NeedsRow(Now, Now.AddMinutes(-1)));
        Assert.False(WakeUpIndex.NeedsRow(Now, null));
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
