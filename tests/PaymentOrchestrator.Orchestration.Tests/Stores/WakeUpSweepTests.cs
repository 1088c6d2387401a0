using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Orchestration.Tests.Stores;

/// <summary>
/// The wake-up index on real Azurite: what a save writes to it, and what <see cref="WakeUpSweep"/> does with its due
/// rows (signals recorded, not sent: the engine's side is tested in the Functions tests).
/// </summary>
public sealed class WakeUpSweepTests
{
    private static readonly Msn SalesUnit = Msn.Create("123456").Value;
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 10, 0, 10, TimeSpan.Zero);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task a_saga_saved_but_never_signalled_is_signalled_once_overdue_and_its_row_moves_ahead()
    {
        var rig = await Rig.StartAsync();
        var key = Key("order-lost-signal");
        await rig.SaveAsync(key, null, T0.AddSeconds(20));

        rig.Clock.SetUtcNow(T0.AddSeconds(40));
        Assert.Equal(new WakeUpSweepResult(1, 0, 0), await rig.SweepAsync());

        rig.Clock.SetUtcNow(T0.AddSeconds(51));
        Assert.Equal(new WakeUpSweepResult(1, 1, 0), await rig.SweepAsync());
        Assert.Equal([key], rig.Signalled);
        Assert.Equal([WakeUpIndex.Bucket(T0.AddSeconds(51) + WakeUpIndex.SignalRetry)], await rig.BucketsAsync());

        // Still overdue (the signal was lost again): signalled again once the retry is due, not before.
        Assert.Equal(new WakeUpSweepResult(0, 0, 0), await rig.SweepAsync());
        rig.Clock.Advance(WakeUpIndex.SignalRetry + TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await rig.SweepAsync()).Signalled);
        Assert.Equal([key, key], rig.Signalled);
    }

    [Fact]
    public async Task a_finished_saga_drops_out_of_the_index_without_a_signal()
    {
        var rig = await Rig.StartAsync();
        var key = Key("order-finished");
        var first = await rig.SaveAsync(key, null, T0.AddSeconds(5));
        rig.Clock.SetUtcNow(T0.AddMinutes(3));
        await rig.SaveAsync(key, first, null, EpaymentState.New(key) with { Status = EpaymentStatus.Aborted });

        Assert.Equal(new WakeUpSweepResult(1, 0, 1), await rig.SweepAsync());
        Assert.Empty(rig.Signalled);
        Assert.Empty(await rig.BucketsAsync());
    }

    [Fact]
    public async Task a_wake_up_moved_later_writes_no_row_and_the_sweep_moves_the_early_row_to_it_without_a_signal()
    {
        var rig = await Rig.StartAsync();
        var key = Key("order-moved");
        var first = await rig.SaveAsync(key, null, T0.AddSeconds(5));
        await rig.SaveAsync(key, first, T0.AddDays(3));
        Assert.Equal([WakeUpIndex.Bucket(T0)], await rig.BucketsAsync());

        rig.Clock.SetUtcNow(T0.AddMinutes(5));
        Assert.Equal(new WakeUpSweepResult(1, 0, 0, 1), await rig.SweepAsync());
        Assert.Empty(rig.Signalled);
        Assert.Equal([WakeUpIndex.Bucket(T0.AddDays(3))], await rig.BucketsAsync());
    }

    [Fact]
    public async Task a_wake_up_moved_earlier_writes_its_row_and_every_row_left_behind_ends_in_the_minute_of_the_attention()
    {
        var rig = await Rig.StartAsync();
        var key = Key("order-earlier");
        var saved = await rig.SaveAsync(key, null, T0.AddDays(3));
        saved = await rig.SaveAsync(key, saved, T0.AddSeconds(5));
        await rig.SaveAsync(key, saved, T0.AddDays(4));
        Assert.Equal([WakeUpIndex.Bucket(T0), WakeUpIndex.Bucket(T0.AddDays(3))], await rig.BucketsAsync());

        rig.Clock.SetUtcNow(T0.AddMinutes(5));
        Assert.Equal(new WakeUpSweepResult(1, 0, 0, 1), await rig.SweepAsync());
        // The row the earlier wake-up left behind lands on the same row (one per saga and minute).
        rig.Clock.SetUtcNow(T0.AddDays(3).AddMinutes(1));
        Assert.Equal(new WakeUpSweepResult(1, 0, 0, 1), await rig.SweepAsync());
        Assert.Empty(rig.Signalled);
        Assert.Equal([WakeUpIndex.Bucket(T0.AddDays(4))], await rig.BucketsAsync());
    }

    [Fact]
    public async Task saves_within_one_minute_of_attention_write_one_index_row()
    {
        var rig = await Rig.StartAsync();
        var key = Key("order-same-minute");
        var saved = await rig.SaveAsync(key, null, T0.AddSeconds(5));
        saved = await rig.SaveAsync(key, saved, T0.AddSeconds(15));
        await rig.SaveAsync(key, saved, T0.AddSeconds(45));

        Assert.Equal([WakeUpIndex.Bucket(T0)], await rig.BucketsAsync());
    }

    [Fact]
    public async Task publishing_the_last_outcome_writes_no_row_and_the_sweep_moves_the_row_to_the_next_wake_up()
    {
        var rig = await Rig.StartAsync();
        var key = Key("order-published");
        var outcome = OutgoingEvent.Create("payment.created.v1", key, T0, new OutcomeData { Msn = SalesUnit.Value }, "created");
        await rig.SaveAsync(key, null, T0.AddDays(2), outcomes: [outcome]);
        Assert.Equal([WakeUpIndex.Bucket(T0 + WakeUpIndex.OutcomeLease)], await rig.BucketsAsync());

        await rig.Store.MarkPublishedAsync(key, [outcome.Id]);
        Assert.Equal([WakeUpIndex.Bucket(T0 + WakeUpIndex.OutcomeLease)], await rig.BucketsAsync());
        rig.Clock.SetUtcNow(T0.AddMinutes(3));
        Assert.Equal(new WakeUpSweepResult(1, 0, 0, 1), await rig.SweepAsync());
        Assert.Equal([WakeUpIndex.Bucket(T0.AddDays(2))], await rig.BucketsAsync());
    }

    [Fact]
    public async Task outcomes_left_unpublished_are_signalled_once_their_lease_ends()
    {
        var rig = await Rig.StartAsync();
        var key = Key("order-unpublished");
        var outcome = OutgoingEvent.Create("payment.created.v1", key, T0, new OutcomeData { Msn = SalesUnit.Value }, "created");
        await rig.SaveAsync(key, null, T0.AddDays(2), outcomes: [outcome]);

        rig.Clock.SetUtcNow(T0 + WakeUpIndex.OutcomeLease - TimeSpan.FromSeconds(1));
        Assert.Equal(new WakeUpSweepResult(1, 0, 0), await rig.SweepAsync());
        rig.Clock.SetUtcNow(T0 + WakeUpIndex.OutcomeLease);
        Assert.Equal(new WakeUpSweepResult(1, 1, 0), await rig.SweepAsync());
        Assert.Equal([key], rig.Signalled);
    }

    private static SagaKey Key(string reference) => SagaKey.Payment(SalesUnit, PaymentReference.Create(reference).Value);

    private sealed class Rig(TableClient table, SagaStore store, FakeTimeProvider clock) : ISagaSignaller
    {
        public SagaStore Store { get; } = store;

        public FakeTimeProvider Clock { get; } = clock;

        public List<SagaKey> Signalled { get; } = [];

        public static async Task<Rig> StartAsync()
        {
            var azurite = await SharedAzurite.GetAsync();
            var table = new StorageClients(azurite.ConnectionString).Tables.GetTableClient("wakeups" + Guid.NewGuid().ToString("N")[..10]);
            await table.CreateIfNotExistsAsync();
            return new Rig(table, new SagaStore(table), new FakeTimeProvider(T0));
        }

        public Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken)
        {
            Signalled.Add(progress.Key);
            return Task.CompletedTask;
        }

        public Task<WakeUpSweepResult> SweepAsync() =>
            new WakeUpSweep(Store, Clock, NullLogger<WakeUpSweep>.Instance).SweepAsync(this, Slack);

        /// <summary>Saves the saga at the clock's now with <paramref name="wakeUp"/>; returns the row as loaded after.</summary>
        public async Task<StoredSaga> SaveAsync(
            SagaKey key, StoredSaga? previous, DateTimeOffset? wakeUp, EpaymentState? state = null, IReadOnlyList<OutgoingEvent>? outcomes = null)
        {
            var write = new SagaWrite(previous, state ?? EpaymentState.New(key), wakeUp, [], [], outcomes ?? [], null, Clock.GetUtcNow());
            Assert.Equal(SaveOutcome.Saved, (await Store.SaveAsync(write)).Outcome);
            return (await Store.LoadAsync(key))!;
        }

        public async Task<List<string>> BucketsAsync()
        {
            var buckets = new List<string>();
            await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {WakeUpIndex.PartitionPrefix} and PartitionKey lt {"W}"}"), select: ["PartitionKey"]))
            {
                buckets.Add(e.PartitionKey);
            }

            return buckets;
        }
    }
}
