using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Storage.Tests;

public sealed class TableTests
{
    [Fact]
    public async Task add_if_absent_adds_once_then_reports_the_row_exists_and_keeps_the_original()
    {
        var table = await Fresh.TableAsync();

        Assert.True(await table.AddIfAbsentAsync(Row("p", "r", "first")));
        Assert.False(await table.AddIfAbsentAsync(Row("p", "r", "second")));

        Assert.Equal("first", (await table.FindAsync<TableEntity>("p", "r"))!.GetString("Value"));
    }

    [Fact]
    public async Task find_answers_null_for_a_missing_row_and_for_a_missing_table()
    {
        var table = await Fresh.TableAsync();
        var missingTable = (await Fresh.ClientsAsync()).Tables.GetTableClient("missing" + Guid.NewGuid().ToString("N"));

        Assert.Null(await table.FindAsync<TableEntity>("p", "nobody"));
        Assert.Null(await missingTable.FindAsync<TableEntity>("p", "nobody"));
    }

    [Fact]
    public async Task an_update_with_a_stale_etag_fails_with_412_and_changes_nothing()
    {
        var table = await Fresh.TableAsync();
        await table.AddEntityAsync(Row("p", "r", "v1"));
        var loaded = (await table.FindAsync<TableEntity>("p", "r"))!;
        await table.UpdateEntityAsync(Row("p", "r", "v2"), loaded.ETag, TableUpdateMode.Replace);

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(Row("p", "r", "v3"), loaded.ETag, TableUpdateMode.Replace));

        Assert.Equal(412, stale.Status);
        Assert.Equal("v2", (await table.FindAsync<TableEntity>("p", "r"))!.GetString("Value"));
    }

    [Theory]
    [InlineData("S|payment:order 10001")]
    [InlineData("H|agreement:sub-1|0000000001")]
    [InlineData("E|ø'æ\"å%+&=;*")]
    public async Task special_characters_in_keys_round_trip_through_add_find_filter_and_delete(string rowKey)
    {
        var table = await Fresh.TableAsync();
        await table.AddEntityAsync(Row("p'1", rowKey, "x"));

        var found = await table.FindAsync<TableEntity>("p'1", rowKey);
        var filtered = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p'1"} and RowKey eq {rowKey}")))
        {
            filtered.Add(e);
        }

        Assert.Equal(rowKey, found!.RowKey);
        Assert.Equal(rowKey, Assert.Single(filtered).RowKey);
        await table.DeleteEntityAsync("p'1", rowKey, ETag.All);
        Assert.Null(await table.FindAsync<TableEntity>("p'1", rowKey));
    }

    [Fact]
    public async Task twenty_five_rows_at_ten_per_page_come_in_three_pages_and_a_saved_token_resumes()
    {
        var table = await Fresh.TableAsync();
        var rows = Enumerable.Range(0, 25).Select(i => Row("p", $"r{i:D2}", "x")).ToList();
        foreach (var chunk in rows.Chunk(TableTransactions.MaxActions))
        {
            await table.SubmitCheckedTransactionAsync([.. chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r))]);
        }

        var pages = new List<Page<TableEntity>>();
        await foreach (var page in table.QueryAsync<TableEntity>("PartitionKey eq 'p'", maxPerPage: 10).AsPages())
        {
            pages.Add(page);
        }

        var resumed = new List<string>();
        await foreach (var page in table.QueryAsync<TableEntity>("PartitionKey eq 'p'", maxPerPage: 10).AsPages(pages[0].ContinuationToken))
        {
            resumed.AddRange(page.Values.Select(v => v.RowKey));
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Values.Count));
        Assert.Null(pages[2].ContinuationToken);
        Assert.Equal(rows.Skip(10).Select(r => r.RowKey), resumed);
    }

    private static TableEntity Row(string partition, string row, string value) => new(partition, row) { ["Value"] = value };
}
