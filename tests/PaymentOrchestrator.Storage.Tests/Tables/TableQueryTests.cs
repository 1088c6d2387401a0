using PaymentOrchestrator.Storage.Tables;
using PaymentOrchestrator.Storage.Tests.Support;

namespace PaymentOrchestrator.Storage.Tests.Tables;

public sealed class TableQueryTests
{
    private static async Task<TableClient> TableWith(int count, string partition = "p1")
    {
        var table = await Support.Storage.NewTableAsync();
        for (var i = 0; i < count; i++)
        {
            await table.AddEntityAsync(new OrderEntity { PartitionKey = partition, RowKey = $"r{i:D2}", Status = i % 2 == 0 ? "even" : "odd", Attempts = i });
        }

        return table;
    }

    [Fact]
    public async Task twenty_five_entities_at_ten_per_page_come_in_three_pages_with_continuation_tokens()
    {
        var table = await TableWith(25);

        var pages = new List<(int Count, string? Token)>();
        await foreach (var page in table.QueryAsync<OrderEntity>(maxPerPage: 10).AsPages())
        {
            pages.Add((page.Values.Count, page.ContinuationToken));
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        Assert.NotNull(pages[0].Token);
        Assert.NotNull(pages[1].Token);
        Assert.Null(pages[2].Token);
    }

    [Fact]
    public async Task enumerating_a_query_follows_every_page_in_key_order()
    {
        var table = await TableWith(25);

        var rows = new List<string>();
        await foreach (var entity in table.QueryAsync<OrderEntity>(maxPerPage: 10))
        {
            rows.Add(entity.RowKey);
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"r{i:D2}"), rows);
    }

    [Fact]
    public async Task a_query_resumes_from_a_saved_continuation_token()
    {
        var table = await TableWith(25);
        string? token = null;
        await foreach (var page in table.QueryAsync<OrderEntity>(maxPerPage: 10).AsPages())
        {
            token = page.ContinuationToken;
            break;
        }

        var rest = new List<string>();
        await foreach (var page in table.QueryAsync<OrderEntity>().AsPages(token, 10))
        {
            rest.AddRange(page.Values.Select(e => e.RowKey));
        }

        Assert.Equal(Enumerable.Range(10, 15).Select(i => $"r{i:D2}"), rest);
    }

    [Fact]
    public async Task a_filter_built_from_values_selects_matching_entities_with_select_and_etag()
    {
        var table = await TableWith(10);
        await table.AddEntityAsync(new OrderEntity { PartitionKey = "p2", RowKey = "r00", Status = "even" });

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"p1"} and Status eq {"odd"} and Attempts ge {5}");
        var found = new List<OrderEntity>();
        await foreach (var e in table.QueryAsync<OrderEntity>(filter, select: ["RowKey", "Status"]))
        {
            found.Add(e);
        }

        Assert.Equal(["r05", "r07", "r09"], found.Select(e => e.RowKey));
        Assert.All(found, e => Assert.Equal(0, e.Attempts));
        Assert.All(found, e => Assert.NotEqual(default, e.ETag));
    }

    [Fact]
    public async Task a_quote_in_a_filter_value_cannot_change_the_expression()
    {
        var table = await TableWith(3);

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"p1' or PartitionKey ne '"}");
        var count = 0;
        await foreach (var unused in table.QueryAsync<OrderEntity>(filter))
        {
            count++;
        }

        Assert.Equal(0, count);
    }

    [Fact]
    public async Task query_of_an_empty_result_yields_one_empty_page()
    {
        var table = await TableWith(2);

        var pages = 0;
        await foreach (var page in table.QueryAsync<OrderEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"none"}")).AsPages())
        {
            pages++;
            Assert.Empty(page.Values);
            Assert.Null(page.ContinuationToken);
        }

        Assert.Equal(1, pages);
    }
}
