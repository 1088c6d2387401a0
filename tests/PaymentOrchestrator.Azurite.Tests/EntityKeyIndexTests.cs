using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Azurite.Tests;

/// <summary>
/// launch.js answers Azurite's (PartitionKey, RowKey) lookups from a map instead of a scan of the partition. These pin
/// what the table service must still do with it: refuse a duplicate, find what was inserted, updated or merged, forget
/// what was deleted — also by a transaction, whose deletes LokiJS does not always announce — and start from the data
/// on disk after a restart.
/// </summary>
public sealed class EntityKeyIndexTests
{
    [Fact]
    public async Task inserts_updates_and_deletes_single_or_in_a_transaction_are_found_and_forgotten_as_before()
    {
        await using var server = await AzuriteServer.StartAsync(AzuriteOptions.ForTests);
        var table = new TableClient(server.ConnectionString, "keys");
        await table.CreateIfNotExistsAsync();

        // A partition of 300 rows, in transactions of 100 (what a saga's save looks like).
        for (var batch = 0; batch < 3; batch++)
        {
            await table.SubmitTransactionAsync(Enumerable.Range(batch * 100, 100).Select(i =>
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D4}") { ["N"] = i })));
        }

        Assert.Equal(150, (await table.GetEntityAsync<TableEntity>("p", "r0150")).Value.GetInt32("N"));
        var duplicate = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r0007")));
        Assert.Equal(409, duplicate.Status);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r9999")).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("other", "r0007")).HasValue);

        // Replace and merge are found with their new values.
        await table.UpsertEntityAsync(new TableEntity("p", "r0010") { ["N"] = -10 }, TableUpdateMode.Replace);
        await table.UpdateEntityAsync(new TableEntity("p", "r0011") { ["M"] = "merged" }, ETag.All, TableUpdateMode.Merge);
        Assert.Equal(-10, (await table.GetEntityAsync<TableEntity>("p", "r0010")).Value.GetInt32("N"));
        var merged = (await table.GetEntityAsync<TableEntity>("p", "r0011")).Value;
        Assert.Equal((11, "merged"), (merged.GetInt32("N"), merged.GetString("M")));

        // Deleted alone and in a transaction: gone, and each key can be added again.
        await table.DeleteEntityAsync("p", "r0020");
        await table.SubmitTransactionAsync(Enumerable.Range(30, 50).Select(i =>
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", $"r{i:D4}"), ETag.All)));
        foreach (var rowKey in new[] { "r0020", "r0030", "r0079" })
        {
            Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", rowKey)).HasValue, rowKey);
            await table.AddEntityAsync(new TableEntity("p", rowKey) { ["N"] = 1_000 });
            Assert.Equal(1_000, (await table.GetEntityAsync<TableEntity>("p", rowKey)).Value.GetInt32("N"));
        }

        // A transaction that fails (its second insert is a duplicate) leaves nothing of itself behind.
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "new-1")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r0100")),
        ]));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "new-1")).HasValue);
        await table.AddEntityAsync(new TableEntity("p", "new-1"));

        Assert.Equal(300 - 51 + 3 + 1, await CountAsync(table, "p"));
    }

    [Fact]
    public async Task after_a_restart_on_disk_the_stored_rows_are_found_and_refused_as_duplicates()
    {
        var folder = Directory.CreateTempSubdirectory("po-azurite-keys-").FullName;
        try
        {
            await using (var first = await AzuriteServer.StartAsync(AzuriteOptions.ForTests with { DataDirectory = folder }))
            {
                var table = new TableClient(first.ConnectionString, "keys");
                await table.CreateIfNotExistsAsync();
                await table.AddEntityAsync(new TableEntity("p", "kept") { ["N"] = 7 });
            }

            await using var second = await AzuriteServer.StartAsync(AzuriteOptions.ForTests with { DataDirectory = folder });
            var again = new TableClient(second.ConnectionString, "keys");
            Assert.Equal(7, (await again.GetEntityAsync<TableEntity>("p", "kept")).Value.GetInt32("N"));
            Assert.Equal(409, (await Assert.ThrowsAsync<RequestFailedException>(() => again.AddEntityAsync(new TableEntity("p", "kept")))).Status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task a_replaced_row_keeps_the_etag_rules_a_failed_transaction_restores_it_and_a_restart_finds_it()
    {
        // launch.js stores a replaced entity in the old one's place (no remove and insert): the table service's answers
        // must not change — the ETag checked, properties not named are gone, a failed transaction undone, on disk kept.
        var folder = Directory.CreateTempSubdirectory("po-azurite-replace-").FullName;
        try
        {
            await using (var first = await AzuriteServer.StartAsync(AzuriteOptions.ForTests with { DataDirectory = folder }))
            {
                var table = new TableClient(first.ConnectionString, "replaced");
                await table.CreateIfNotExistsAsync();
                await table.SubmitTransactionAsync(Enumerable.Range(0, 20).Select(i =>
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D2}") { ["N"] = i, ["Old"] = "x" })));
                var stored = (await table.GetEntityAsync<TableEntity>("p", "r05")).Value;

                await table.UpdateEntityAsync(new TableEntity("p", "r05") { ["N"] = 500 }, stored.ETag, TableUpdateMode.Replace);
                var replaced = (await table.GetEntityAsync<TableEntity>("p", "r05")).Value;
                Assert.Equal(500, replaced.GetInt32("N"));
                Assert.False(replaced.ContainsKey("Old"));
                Assert.NotEqual(stored.ETag, replaced.ETag);

                var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
                    table.UpdateEntityAsync(new TableEntity("p", "r05") { ["N"] = -1 }, stored.ETag, TableUpdateMode.Replace));
                Assert.Equal(412, stale.Status);
                var missing = await Assert.ThrowsAsync<RequestFailedException>(() =>
                    table.UpdateEntityAsync(new TableEntity("p", "nope"), ETag.All, TableUpdateMode.Replace));
                Assert.Equal(404, missing.Status);

                // A transaction that replaces two rows and then fails on a duplicate leaves both as they were.
                await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "r06") { ["N"] = 600 }, ETag.All),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "r07") { ["N"] = 700 }),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r08")),
                ]));
                Assert.Equal((6, "x"), await NumberAndOldAsync(table, "r06"));
                Assert.Equal((7, "x"), await NumberAndOldAsync(table, "r07"));

                // A partition query reads the replaced row once, in RowKey order, with its new value.
                var rows = new List<(string, int)>();
                await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "p"))
                {
                    rows.Add((row.RowKey, row.GetInt32("N")!.Value));
                }

                Assert.Equal(Enumerable.Range(0, 20).Select(i => ($"r{i:D2}", i == 5 ? 500 : i)), rows);
            }

            await using var second = await AzuriteServer.StartAsync(AzuriteOptions.ForTests with { DataDirectory = folder });
            var again = new TableClient(second.ConnectionString, "replaced");
            Assert.Equal(500, (await again.GetEntityAsync<TableEntity>("p", "r05")).Value.GetInt32("N"));
            Assert.Equal((6, "x"), await NumberAndOldAsync(again, "r06"));
            Assert.Equal(20, await CountAsync(again, "p"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int, string?)> NumberAndOldAsync(TableClient table, string rowKey)
    {
        var row = (await table.GetEntityAsync<TableEntity>("p", rowKey)).Value;
        return (row.GetInt32("N")!.Value, row.GetString("Old"));
    }

    private static async Task<int> CountAsync(TableClient table, string partitionKey)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == partitionKey, select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }
}
