using PaymentOrchestrator.Storage.Tables;
using PaymentOrchestrator.Storage.Tests.Support;

namespace PaymentOrchestrator.Storage.Tests.Tables;

public sealed class TableKeyTests
{
    public static TheoryData<string> SpecialKeys => ["O'Brien", "with space", "pipe|key", "colon:key", "Grüße-ü", "mix 'ü|: x'"];

    [Theory]
    [MemberData(nameof(SpecialKeys))]
    public async Task special_characters_in_keys_round_trip_through_add_get_filter_update_and_delete(string key)
    {
        var table = await Support.Storage.NewTableAsync();

        var added = await table.AddEntityAsync(new OrderEntity { PartitionKey = key, RowKey = key, Status = "new" });
        var read = await table.GetEntityAsync<OrderEntity>(key, key);
        var found = new List<OrderEntity>();
        await foreach (var e in table.QueryAsync<OrderEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key} and RowKey eq {key}")))
        {
            found.Add(e);
        }

        var etag = await table.UpdateEntityAsync(new OrderEntity { PartitionKey = key, RowKey = key, Status = "paid" }, added.ETag);
        var deleted = await table.DeleteEntityAsync(key, key, etag);

        Assert.True(added.Added);
        Assert.Equal((key, key), (read.PartitionKey, read.RowKey));
        Assert.Equal(key, Assert.Single(found).RowKey);
        Assert.True(deleted);
    }

    [Theory]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a\u0001b", "U+0001")]
    [InlineData("a\u007Fb", "U+007F")]
    [InlineData("a\u0085b", "U+0085")]
    public async Task keys_with_forbidden_characters_are_refused_before_any_request(string bad, string shown)
    {
        var handler = new RecordingHandler { Offline = true };
        var table = new TableClient(await Support.Storage.ConnectionStringAsync(), "orders", TestOptions.Through(handler, maxRetries: 0));

        var pk = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new OrderEntity { PartitionKey = bad, RowKey = "ok" }));
        var rk = await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityIfExistsAsync<OrderEntity>("ok", bad));

        Assert.Contains("PartitionKey", pk.Message, StringComparison.Ordinal);
        Assert.Contains(shown, pk.Message, StringComparison.Ordinal);
        Assert.Contains("position 1", pk.Message, StringComparison.Ordinal);
        Assert.Equal("rowKey", rk.ParamName);
        Assert.Equal(0, handler.Attempts);
    }

    [Fact]
    public async Task keys_longer_than_one_kib_are_refused_and_512_characters_are_accepted()
    {
        var table = await Support.Storage.NewTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => table.AddEntityAsync(new OrderEntity { PartitionKey = "p", RowKey = new string('x', 513) }));
        var longest = await table.AddEntityAsync(new OrderEntity { PartitionKey = "p", RowKey = new string('x', 512) });

        Assert.Contains("RowKey is 513 characters", error.Message, StringComparison.Ordinal);
        Assert.True(longest.Added);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1orders")]
    [InlineData("has-dash")]
    [InlineData("tables")]
    public void invalid_table_names_are_refused(string name)
    {
        var service = new TableServiceClient("UseDevelopmentStorage=true");

        var error = Assert.Throws<ArgumentException>(() => service.GetTableClient(name));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
