using Azure.Data.Tables;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Orchestration.Tests.Stores;

/// <summary>
/// The list index on real Azurite (issue 24 item 3): written in the saga's own transaction, paged by creation so that
/// changes between pages neither skip nor repeat a row, a page read of one request however big the partition, and
/// sagas saved before the index listed after a one-time backfill. Requests counted on the wire.
/// </summary>
public sealed class SagaListIndexStoreTests
{
    private static readonly Msn SalesUnit = Msn.Create("123456").Value;

    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task a_save_writes_the_sagas_list_row_in_its_own_transaction_and_each_save_updates_it_in_place()
    {
        var rig = await CountedSagaRunner.StartAsync("list", T0);
        rig.Requests.Clear();
        var (key, requested) = await rig.RequestPaymentAsync(SalesUnit, "order-list-1");
        // The list row rides in the save's transaction: one batch, no request of its own (the read is the load that finds
        // no saga yet, the point write the wake-up index's).
        Assert.Equal(new Dictionary<string, int> { ["GET point"] = 1, ["PUT point"] = 1, ["POST $batch"] = 1 }, rig.Requests.ToDictionary());

        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        var created = await rig.Runner.ApplyAsync(key, new PaymentCreated(Assert.Single(requested.Commands).Key, "https://pay.example/x"), null, requested.Saga, default);
        Assert.Equal(ApplyStatus.Applied, created.Status);

        var page = await PaymentListQuery.PageAsync(rig.Store, SalesUnit, new PaymentListFilter());
        var row = Assert.Single(page.Items);
        Assert.Equal((key.Id, "AwaitingCustomer", T0, T0.AddMinutes(5)), (row.Id, row.Status, row.CreatedAt, row.UpdatedAt));
        Assert.Equal((await rig.Store.LoadAsync(key))!.Summary, row);
    }

    [Fact]
    public async Task paging_while_sagas_change_between_pages_lists_every_saga_exactly_once()
    {
        var rig = await CountedSagaRunner.StartAsync("list", T0);
        var sagas = new List<(SagaKey Key, ApplyResult Requested)>();
        for (var i = 0; i < 23; i++)
        {
            // Every third pair created in the same instant: ties are broken by kind and id.
            if (i % 3 != 1)
            {
                rig.Clock.Advance(TimeSpan.FromSeconds(1));
            }

            sagas.Add(await rig.RequestPaymentAsync(SalesUnit, $"order-{i:D3}"));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await PaymentListQuery.PageAsync(rig.Store, SalesUnit, new PaymentListFilter(Limit: 5, Continuation: token));
            seen.AddRange(page.Items.Select(s => s.Id));
            token = page.Continuation;
            // Between pages a saga further down and one already shown change (what "Load more" used to lose).
            var (key, requested) = sagas[pages * 4 % sagas.Count];
            rig.Clock.Advance(TimeSpan.FromSeconds(1));
            var changed = await rig.Runner.ApplyAsync(key, new PaymentCreated(Assert.Single(requested.Commands).Key, null), null, null, default);
            Assert.Equal(ApplyStatus.Applied, changed.Status);
            pages++;
        }
        while (token is not null);

        Assert.Equal(5, pages);
        Assert.Equal(sagas.Select(s => s.Key.Id).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task a_page_is_one_request_however_many_sagas_the_partition_holds()
    {
        var rig = await CountedSagaRunner.StartAsync("list", T0);
        for (var i = 0; i < 300; i++)
        {
            rig.Clock.Advance(TimeSpan.FromSeconds(1));
            await rig.RequestPaymentAsync(SalesUnit, $"order-{i:D3}");
        }

        var first = await PaymentListQuery.PageAsync(rig.Store, SalesUnit, new PaymentListFilter(Limit: 50));
        rig.Requests.Clear();
        var second = await PaymentListQuery.PageAsync(rig.Store, SalesUnit, new PaymentListFilter(Limit: 50, Continuation: first.Continuation));

        Assert.Equal(new Dictionary<string, int> { ["GET other"] = 1 }, rig.Requests.ToDictionary());
        Assert.Equal(50, second.Items.Count);
        Assert.Equal("order-249", second.Items[0].Id);
        Assert.Equal(50, second.Scanned);
    }

    [Fact]
    public async Task sagas_saved_before_the_index_existed_are_listed_after_a_one_time_backfill()
    {
        var rig = await CountedSagaRunner.StartAsync("list", T0);
        for (var i = 0; i < 7; i++)
        {
            rig.Clock.Advance(TimeSpan.FromSeconds(1));
            await rig.RequestPaymentAsync(SalesUnit, $"order-old-{i}");
        }

        // As a partition written before this change: no list rows, no marker.
        await foreach (var row in rig.Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {"L|"} and RowKey lt {"L}"}"), select: ["PartitionKey", "RowKey"]))
        {
            await rig.Table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var store = new SagaStore(rig.Table);
        var page = await PaymentListQuery.PageAsync(store, SalesUnit, new PaymentListFilter(Limit: 100));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"order-old-{6 - i}"), page.Items.Select(s => s.Id));

        // Another process: one point read finds the marker, then the page alone.
        rig.Requests.Clear();
        var again = await PaymentListQuery.PageAsync(new SagaStore(rig.Table), SalesUnit, new PaymentListFilter(Limit: 100));
        Assert.Equal(7, again.Items.Count);
        Assert.Equal(new Dictionary<string, int> { ["GET point"] = 1, ["GET other"] = 1 }, rig.Requests.ToDictionary());
    }

    [Fact]
    public async Task the_created_range_and_kind_narrow_the_key_range_read()
    {
        var rig = await CountedSagaRunner.StartAsync("list", T0);
        for (var i = 0; i < 10; i++)
        {
            rig.Clock.Advance(TimeSpan.FromHours(1));
            await rig.RequestPaymentAsync(SalesUnit, $"order-hr-{i}");
        }

        var page = await PaymentListQuery.PageAsync(rig.Store, SalesUnit,
            new PaymentListFilter(Kind: SagaKind.Payment, From: T0.AddHours(3), To: T0.AddHours(6)));
        Assert.Equal(["order-hr-4", "order-hr-3", "order-hr-2"], page.Items.Select(s => s.Id));
        Assert.Equal(3, page.Scanned);
        Assert.Empty((await PaymentListQuery.PageAsync(rig.Store, SalesUnit, new PaymentListFilter(Kind: SagaKind.Charge))).Items);
    }
}
