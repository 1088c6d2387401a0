using Azure.Data.Tables;

namespace PaymentOrchestrator.Storage.Tests;

public sealed class TableTransactionsTests
{
    /// <summary>A client of a port nobody listens on: a transaction that reached the network would fail differently.</summary>
    private static readonly TableClient Nowhere = new StorageClients(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1").Tables.GetTableClient("nowhere");

    public static TheoryData<string, TableTransactionAction[]> Refused => new()
    {
        { "1 to 100 actions", [] },
        { "1 to 100 actions", [.. Enumerable.Range(0, 101).Select(i => Add("p", $"r{i}"))] },
        { "one partition", [Add("p1", "r"), Add("p2", "r")] },
        { "row 'r' appears twice", [Add("p", "r"), new TableTransactionAction(TableTransactionActionType.UpsertMerge, Entity("p", "r"))] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task a_transaction_azure_would_refuse_is_refused_before_any_request(string expected, TableTransactionAction[] actions)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Nowhere.SubmitCheckedTransactionAsync(actions));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task exactly_one_hundred_actions_in_one_partition_are_applied()
    {
        var table = await Fresh.TableAsync();

        var result = await table.SubmitCheckedTransactionAsync([.. Enumerable.Range(0, 100).Select(i => Add("p", $"r{i:D3}"))]);

        Assert.Equal(100, result.Value.Count);
        Assert.NotNull(await table.FindAsync<TableEntity>("p", "r099"));
    }

    [Fact]
    public async Task a_failing_action_leaves_nothing_written_and_is_reported_by_index_and_status()
    {
        var table = await Fresh.TableAsync();
        await table.AddEntityAsync(Entity("p", "exists"));

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => table.SubmitCheckedTransactionAsync([Add("p", "new"), Add("p", "exists")]));

        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Null(await table.FindAsync<TableEntity>("p", "new"));
    }

    [Fact]
    public async Task a_stale_etag_fails_the_transaction_with_412_at_that_action()
    {
        var table = await Fresh.TableAsync();
        await table.AddEntityAsync(Entity("p", "saga"));
        var loaded = (await table.FindAsync<TableEntity>("p", "saga"))!;
        await table.UpdateEntityAsync(Entity("p", "saga"), loaded.ETag, TableUpdateMode.Replace);

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitCheckedTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity("p", "saga"), loaded.ETag),
            Add("p", "history-1"),
        ]));

        Assert.Equal(0, error.FailedTransactionActionIndex);
        Assert.Equal(412, error.Status);
        Assert.Null(await table.FindAsync<TableEntity>("p", "history-1"));
    }

    private static TableTransactionAction Add(string partition, string row) => new(TableTransactionActionType.Add, Entity(partition, row));

    private static TableEntity Entity(string partition, string row) => new(partition, row) { ["Value"] = row };
}
