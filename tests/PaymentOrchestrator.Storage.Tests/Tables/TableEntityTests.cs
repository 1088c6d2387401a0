using Azure;
using PaymentOrchestrator.Storage.Tables;
using PaymentOrchestrator.Storage.Tests.Support;

namespace PaymentOrchestrator.Storage.Tests.Tables;

public sealed class TableEntityTests
{
    private static OrderEntity Order(string rk, string status = "new", string pk = "p1") =>
        new() { PartitionKey = pk, RowKey = rk, Status = status };

    [Fact]
    public async Task creating_a_table_twice_reports_that_it_already_existed_and_delete_reports_whether_it_was_there()
    {
        var service = new TableServiceClient(await Support.Storage.ConnectionStringAsync());
        var name = Support.Storage.TableName();

        Assert.True(await service.CreateTableIfNotExistsAsync(name));
        Assert.False(await service.CreateTableIfNotExistsAsync(name));
        Assert.True(await service.DeleteTableAsync(name));
        Assert.False(await service.DeleteTableAsync(name));
    }

    [Fact]
    public async Task an_added_entity_reads_back_with_its_etag_and_timestamp()
    {
        var table = await Support.Storage.NewTableAsync();

        var added = await table.AddEntityAsync(Order("r1").WithNote("first"));
        var read = await table.GetEntityIfExistsAsync<OrderEntity>("p1", "r1");

        Assert.True(added.Added);
        Assert.NotEqual(default, added.ETag);
        Assert.NotNull(read);
        Assert.Equal("new", read.Status);
        Assert.Equal("first", read.Note);
        Assert.Equal(added.ETag, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task adding_an_existing_entity_returns_already_exists_and_keeps_the_original()
    {
        var table = await Support.Storage.NewTableAsync();
        await table.AddEntityAsync(Order("r1", "original"));

        var second = await table.AddEntityAsync(Order("r1", "intruder"));

        Assert.True(second.AlreadyExists);
        Assert.False(second.Added);
        Assert.Equal("original", (await table.GetEntityAsync<OrderEntity>("p1", "r1")).Status);
    }

    [Fact]
    public async Task a_missing_entity_reads_as_null_or_throws_404_from_get_entity()
    {
        var table = await Support.Storage.NewTableAsync();

        var missing = await table.GetEntityIfExistsAsync<OrderEntity>("p1", "nope");
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.GetEntityAsync<OrderEntity>("p1", "nope"));

        Assert.Null(missing);
        Assert.Equal(404, error.Status);
        Assert.Equal("GetEntity", error.Operation);
    }

    [Fact]
    public async Task reading_from_a_missing_table_throws_instead_of_returning_null()
    {
        var table = new TableServiceClient(await Support.Storage.ConnectionStringAsync()).GetTableClient(Support.Storage.TableName());

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.GetEntityIfExistsAsync<OrderEntity>("p1", "r1"));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task update_with_the_current_etag_succeeds_and_returns_a_new_etag()
    {
        var table = await Support.Storage.NewTableAsync();
        var added = await table.AddEntityAsync(Order("r1"));

        var etag = await table.UpdateEntityAsync(Order("r1", "paid"), added.ETag, TableUpdateMode.Replace);

        Assert.NotEqual(added.ETag, etag);
        var read = await table.GetEntityAsync<OrderEntity>("p1", "r1");
        Assert.Equal("paid", read.Status);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task update_with_a_stale_etag_throws_a_concurrency_exception_and_changes_nothing()
    {
        var table = await Support.Storage.NewTableAsync();
        var added = await table.AddEntityAsync(Order("r1"));
        await table.UpdateEntityAsync(Order("r1", "paid"), added.ETag);

        var error = await Assert.ThrowsAsync<StorageConcurrencyException>(
            () => table.UpdateEntityAsync(Order("r1", "cancelled"), added.ETag));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal("UpdateEntity", error.Operation);
        Assert.Contains("PartitionKey='p1',RowKey='r1'", error.Message, StringComparison.Ordinal);
        Assert.Equal("paid", (await table.GetEntityAsync<OrderEntity>("p1", "r1")).Status);
    }

    [Fact]
    public async Task update_of_a_missing_entity_throws_404_and_requires_an_explicit_etag()
    {
        var table = await Support.Storage.NewTableAsync();

        var missing = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.UpdateEntityAsync(Order("r9"), ETag.All));
        var noEtag = await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(Order("r9"), default));

        Assert.Equal(404, missing.Status);
        Assert.Contains("ETag.All", noEtag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task upsert_merge_keeps_unsent_properties_and_upsert_replace_drops_them()
    {
        var table = await Support.Storage.NewTableAsync();
        await table.UpsertEntityAsync(new OrderEntity { PartitionKey = "p1", RowKey = "r1", Status = "new", Note = "keep me" });

        await table.UpsertEntityAsync(new OrderEntity { PartitionKey = "p1", RowKey = "r1", Status = "paid" }, TableUpdateMode.Merge);
        var merged = await table.GetEntityAsync<OrderEntity>("p1", "r1");
        await table.UpsertEntityAsync(new OrderEntity { PartitionKey = "p1", RowKey = "r1", Status = "done" }, TableUpdateMode.Replace);
        var replaced = await table.GetEntityAsync<OrderEntity>("p1", "r1");

        Assert.Equal(("paid", "keep me"), (merged.Status, merged.Note));
        Assert.Equal(("done", (string?)null), (replaced.Status, replaced.Note));
    }

    [Fact]
    public async Task delete_honours_the_etag_accepts_star_and_reports_a_missing_entity()
    {
        var table = await Support.Storage.NewTableAsync();
        var first = await table.AddEntityAsync(Order("r1"));
        await table.UpdateEntityAsync(Order("r1", "paid"), first.ETag);
        await table.AddEntityAsync(Order("r2"));

        var stale = await Assert.ThrowsAsync<StorageConcurrencyException>(() => table.DeleteEntityAsync("p1", "r1", first.ETag));
        var current = (await table.GetEntityAsync<OrderEntity>("p1", "r1")).ETag;
        var deleted = await table.DeleteEntityAsync("p1", "r1", current);
        var deletedAny = await table.DeleteEntityAsync("p1", "r2", ETag.All);
        var again = await table.DeleteEntityAsync("p1", "r1");

        Assert.Equal(412, stale.Status);
        Assert.True(deleted);
        Assert.True(deletedAny);
        Assert.False(again);
        Assert.Null(await table.GetEntityIfExistsAsync<OrderEntity>("p1", "r2"));
    }

    [Fact]
    public async Task select_returns_only_the_chosen_properties()
    {
        var table = await Support.Storage.NewTableAsync();
        await table.AddEntityAsync(new OrderEntity { PartitionKey = "p1", RowKey = "r1", Status = "new", Note = "hidden", Attempts = 3 });

        var read = await table.GetEntityAsync<OrderEntity>("p1", "r1", select: ["Status"]);

        Assert.Equal("new", read.Status);
        Assert.Null(read.Note);
        Assert.Equal(0, read.Attempts);
    }
}
