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
    public void a_save_writes_an_index_row_only_when_the_attention_moves_before_the_row_the_saga_has()
    {
        var row = WakeUpIndex.Bucket(Now);
        Assert.Equal((row, row), WakeUpIndex.Plan(null, Now));
        Assert.Equal((null, row), WakeUpIndex.Plan(row, Now.AddSeconds(30)));
        Assert.Equal((null, row), WakeUpIndex.Plan(row, Now.AddMinutes(1)));
        Assert.Equal((null, row), WakeUpIndex.Plan(row, Now.AddDays(3)));
        Assert.Equal((WakeUpIndex.Bucket(Now.AddMinutes(-1)), WakeUpIndex.Bucket(Now.AddMinutes(-1))), WakeUpIndex.Plan(row, Now.AddMinutes(-1)));
    }

    [Fact]
    public void a_saga_that_needs_no_attention_records_no_row_so_its_next_attention_writes_one()
    {
        Assert.Equal((null, null), WakeUpIndex.Plan(WakeUpIndex.Bucket(Now), null));
        Assert.Equal((WakeUpIndex.Bucket(Now.AddDays(3)), WakeUpIndex.Bucket(Now.AddDays(3))), WakeUpIndex.Plan(null, Now.AddDays(3)));
    }

    [Fact]
    public void a_saga_that_needs_no_attention_or_is_gone_drops_out()
    {
        Assert.Equal(WakeUpSweepAction.Delete, WakeUpIndex.Decide(WakeUpIndex.Bucket(Now), null, null, Now.AddMinutes(-3), Now, Slack));
    }

    [Fact]
    public void a_row_the_saga_does_not_record_is_deleted_even_when_the_saga_is_due()
    {
        var row = WakeUpIndex.Bucket(Now.AddMinutes(-5));
        Assert.Equal(WakeUpSweepAction.Delete, WakeUpIndex.Decide(row, Now.AddDays(1), WakeUpIndex.Bucket(Now.AddMinutes(-9)), Now, Now, Slack));
        Assert.Equal(WakeUpSweepAction.Delete, WakeUpIndex.Decide(row, Now.AddMinutes(-6), WakeUpIndex.Bucket(Now.AddMinutes(-7)), Now.AddHours(-1), Now, Slack));
    }

    [Fact]
    public void a_wake_up_with_its_timer_is_signalled_only_when_overdue_by_the_slack()
    {
        var savedAt = Now.AddSeconds(-40);
        var row = WakeUpIndex.Bucket(Now.AddSeconds(-20));
        Assert.Equal(WakeUpSweepAction.Keep, WakeUpIndex.Decide(row, Now.AddSeconds(-20), row, savedAt, Now, Slack));
        Assert.Equal(WakeUpSweepAction.Signal, WakeUpIndex.Decide(row, Now.AddSeconds(-31), row, savedAt.AddSeconds(-11), Now, Slack));
    }

    [Fact]
    public void a_parked_wake_up_and_outcomes_past_their_lease_are_signalled_as_soon_as_due()
    {
        var savedAt = Now - SagaOrchestrationPolicy.ParkingHorizon - TimeSpan.FromMinutes(5);
        var row = WakeUpIndex.Bucket(Now);
        Assert.Equal(WakeUpSweepAction.Signal, WakeUpIndex.Decide(row, Now.AddSeconds(-1), row, savedAt, Now, Slack));
        Assert.Equal(WakeUpSweepAction.Keep, WakeUpIndex.Decide(row, Now.AddSeconds(1), row, savedAt, Now, Slack));
        var outcomesSavedAt = Now - WakeUpIndex.OutcomeLease;
        Assert.Equal(WakeUpSweepAction.Signal, WakeUpIndex.Decide(row, WakeUpIndex.AttentionAt(null, 1, outcomesSavedAt), row, outcomesSavedAt, Now, Slack));
    }

    [Fact]
    public void the_sagas_own_row_earlier_than_its_attention_is_moved_and_one_not_yet_due_is_kept()
    {
        var row = WakeUpIndex.Bucket(Now.AddMinutes(-2));
        Assert.Equal(WakeUpSweepAction.Move, WakeUpIndex.Decide(row, Now.AddMinutes(5), row, Now, Now, Slack));
        Assert.Equal(WakeUpSweepAction.Move, WakeUpIndex.Decide(row, Now.AddDays(3), row, Now, Now, Slack));
        // Saved before sagas recorded their row: the row is taken as the saga's own, moved rather than deleted.
        Assert.Equal(WakeUpSweepAction.Move, WakeUpIndex.Decide(row, Now.AddDays(3), null, Now, Now, Slack));
        // After a retry moved the row ahead, an attention in an earlier minute is covered by it until it is due.
        Assert.Equal(WakeUpSweepAction.Keep, WakeUpIndex.Decide(WakeUpIndex.Bucket(Now), Now.AddSeconds(-10), WakeUpIndex.Bucket(Now), Now.AddSeconds(-12), Now, Slack));
    }
}
