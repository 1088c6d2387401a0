using Azure;
using PaymentOrchestrator.Storage.Tables;
using PaymentOrchestrator.Storage.Tests.Support;

namespace PaymentOrchestrator.Storage.Tests.Tables;

public sealed class TableTransactionTests
{
    private static OrderEntity Order(string rk, string status = "new", string pk = "p1") =>
        new() { PartitionKey = pk, RowKey = rk, Status = status };

    [Fact]
    public async Task a_transaction_applies_every_action_and_returns_one_result_per_action()
    {
        var table = await Support.Storage.NewTableAsync();
        var existing = await table.AddEntityAsync(Order("a"));
        await table.AddEntityAsync(Order("gone"));

        var results = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, Order("b")),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, Order("a", "paid"), existing.ETag),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, Order("c", "upserted")),
            new TableTransactionAction(TableTransactionActionType.Delete, Order("gone")),
        ]);

        Assert.Equal([0, 1, 2, 3], results.Select(r => r.Index));
        Assert.All(results, r => Assert.Equal(204, r.Status));
        Assert.NotNull(results[0].ETag);
        Assert.Equal(results[1].ETag, (await table.GetEntityAsync<OrderEntity>("p1", "a")).ETag);
        Assert.Equal("paid", (await table.GetEntityAsync<OrderEntity>("p1", "a")).Status);
        Assert.Equal("upserted", (await table.GetEntityAsync<OrderEntity>("p1", "c")).Status);
        Assert.NotNull(await table.GetEntityIfExistsAsync<OrderEntity>("p1", "b"));
        Assert.Null(await table.GetEntityIfExistsAsync<OrderEntity>("p1", "gone"));
    }

    [Fact]
    public async Task a_failing_action_leaves_nothing_written_and_is_reported_by_index()
    {
        var table = await Support.Storage.NewTableAsync();
        await table.AddEntityAsync(Order("a", "original"));

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, Order("c")),
            new TableTransactionAction(TableTransactionActionType.Add, Order("a", "duplicate")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, Order("d")),
        ]));

        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal("a", error.FailedAction?.Entity.RowKey);
        Assert.Contains("action 1 (Add (PartitionKey 'p1', RowKey 'a'))", error.Message, StringComparison.Ordinal);
        Assert.Null(await table.GetEntityIfExistsAsync<OrderEntity>("p1", "c"));
        Assert.Null(await table.GetEntityIfExistsAsync<OrderEntity>("p1", "d"));
        Assert.Equal("original", (await table.GetEntityAsync<OrderEntity>("p1", "a")).Status);
    }

    [Fact]
    public async Task a_stale_etag_inside_a_transaction_fails_it_with_412_at_that_action()
    {
        var table = await Support.Storage.NewTableAsync();
        var first = await table.AddEntityAsync(Order("a"));
        await table.UpdateEntityAsync(Order("a", "paid"), first.ETag);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, Order("z")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, Order("a", "late"), first.ETag),
        ]));

        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal(412, error.Status);
        Assert.Null(await table.GetEntityIfExistsAsync<OrderEntity>("p1", "z"));
    }

    [Fact]
    public async Task a_transaction_spanning_two_partitions_is_refused_before_any_request()
    {
        var handler = new RecordingHandler { Offline = true };
        var table = new TableClient(await Support.Storage.ConnectionStringAsync(), "orders", TestOptions.Through(handler, maxRetries: 0));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, Order("a", pk: "p1")),
            new TableTransactionAction(TableTransactionActionType.Add, Order("b", pk: "p2")),
        ]));

        Assert.Contains("one partition", error.Message, StringComparison.Ordinal);
        Assert.Contains("action 1 has PartitionKey 'p2'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.Attempts);
    }

    [Fact]
    public async Task more_than_100_actions_empty_transactions_and_repeated_rows_are_refused_before_any_request()
    {
        var handler = new RecordingHandler { Offline = true };
        var table = new TableClient(await Support.Storage.ConnectionStringAsync(), "orders", TestOptions.Through(handler, maxRetries: 0));
        var tooMany = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Order($"r{i}")));

        var large = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(tooMany));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        var repeated = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, Order("a")),
            new TableTransactionAction(TableTransactionActionType.Delete, Order("a")),
        ]));

        Assert.Contains("at most 100", large.Message, StringComparison.Ordinal);
        Assert.Contains("at least one", empty.Message, StringComparison.Ordinal);
        Assert.Contains("only once", repeated.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.Attempts);
    }

    [Fact]
    public async Task exactly_100_actions_are_accepted()
    {
        var table = await Support.Storage.NewTableAsync();

        var results = await table.SubmitTransactionAsync(
            Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Order($"r{i:D3}"))));

        Assert.Equal(100, results.Count);
        var count = 0;
        await foreach (var unused in table.QueryAsync<OrderEntity>())
        {
            count++;
        }

        Assert.Equal(100, count);
    }

    [Fact]
    public async Task the_batch_body_uses_crlf_and_one_changeset()
    {
        var handler = new RecordingHandler();
        var table = new TableServiceClient(await Support.Storage.ConnectionStringAsync(), TestOptions.Through(handler)).GetTableClient(Support.Storage.TableName());
        await table.CreateIfNotExistsAsync();

        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Delete, Order("x"), ETag.All)])
            .ContinueWith(_ => { }, TaskScheduler.Default);

        var batch = handler.Requests.Last();
        Assert.EndsWith("/$batch", batch.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("multipart/mixed; boundary=batch_", batch.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("\r\nDELETE ", batch.Body, StringComparison.Ordinal);
        Assert.Contains("If-Match: *\r\n", batch.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n", batch.Body!.Replace("\r\n", "\u0001", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
