using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace PaymentOrchestrator.Azurite.Tests;

/// <summary>
/// launch.js journals every change of Azurite's databases on disk before Azurite answers, so a SIGKILL of every
/// service right after an answer — no save interval waited for — loses nothing: table rows inserted, replaced, merged,
/// deleted alone and in transactions, tables deleted and created again, queue messages sent, received and deleted. And
/// again after a restart that replayed a journal, before any save: what the replay brought back and what came after it.
/// </summary>
public sealed class JournalTests
{
    [Fact]
    public async Task a_sigkill_right_after_the_answers_loses_nothing_azurite_acknowledged_twice_over()
    {
        var data = Directory.CreateTempSubdirectory("po-azurite-journal-").FullName;
        var options = AzuriteOptions.ForTests with { DataDirectory = data };
        var rows = new SortedDictionary<string, int>(StringComparer.Ordinal);
        try
        {
            var server = await AzuriteServer.StartAsync(options);
            var kept = new TableClient(server.ConnectionString, "kept");
            await kept.CreateAsync();
            foreach (var chunk in Enumerable.Range(0, 50).Chunk(25))
            {
                await kept.SubmitTransactionAsync(chunk.Select(i =>
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D2}") { ["N"] = i })));
                foreach (var i in chunk)
                {
                    rows[$"r{i:D2}"] = i;
                }
            }

            await kept.UpsertEntityAsync(new TableEntity("p", "r03") { ["N"] = -3 }, TableUpdateMode.Replace);
            rows["r03"] = -3;
            await kept.UpdateEntityAsync(new TableEntity("p", "r04") { ["N"] = -4 }, ETag.All, TableUpdateMode.Merge);
            rows["r04"] = -4;
            await kept.DeleteEntityAsync("p", "r05");
            rows.Remove("r05");
            await kept.SubmitTransactionAsync(Enumerable.Range(10, 10).Select(i =>
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", $"r{i:D2}"), ETag.All)));
            foreach (var i in Enumerable.Range(10, 10))
            {
                rows.Remove($"r{i:D2}");
            }

            var dropped = new TableClient(server.ConnectionString, "dropped");
            await dropped.CreateAsync();
            await dropped.AddEntityAsync(new TableEntity("p", "gone"));
            await dropped.DeleteAsync();
            var again = new TableClient(server.ConnectionString, "again");
            await again.CreateAsync();
            await again.AddEntityAsync(new TableEntity("p", "old"));
            await again.DeleteAsync();
            await again.CreateAsync();
            await again.AddEntityAsync(new TableEntity("p", "new"));

            var queue = new QueueClient(server.ConnectionString, "journal");
            await queue.CreateAsync();
            foreach (var text in new[] { "m1", "m2", "m3", "m4", "m5" })
            {
                await queue.SendMessageAsync(text);
            }

            foreach (var message in (await queue.ReceiveMessagesAsync(2)).Value)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            await KillEveryServiceAsync(server);

            await using (var restarted = await AzuriteServer.StartAsync(options))
            {
                await AssertTablesAsync(restarted, rows);
                Assert.Equal(["m3", "m4", "m5"], await PeekAsync(restarted));

                // Changes after a replay, before any save, and a second SIGKILL.
                kept = new TableClient(restarted.ConnectionString, "kept");
                await kept.AddEntityAsync(new TableEntity("p", "r50") { ["N"] = 50 });
                rows["r50"] = 50;
                await kept.DeleteEntityAsync("p", "r20");
                rows.Remove("r20");
                queue = new QueueClient(restarted.ConnectionString, "journal");
                await queue.SendMessageAsync("m6");
                var third = (await queue.ReceiveMessagesAsync(1)).Value.Single();
                await queue.DeleteMessageAsync(third.MessageId, third.PopReceipt);
                await KillEveryServiceAsync(restarted);
            }

            await using var last = await AzuriteServer.StartAsync(options);
            await AssertTablesAsync(last, rows);
            Assert.Equal(["m4", "m5", "m6"], await PeekAsync(last));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task AssertTablesAsync(AzuriteServer server, SortedDictionary<string, int> rows)
    {
        var kept = new TableClient(server.ConnectionString, "kept");
        var stored = new List<KeyValuePair<string, int>>();
        await foreach (var entity in kept.QueryAsync<TableEntity>())
        {
            stored.Add(new(entity.RowKey, entity.GetInt32("N")!.Value));
        }

        Assert.Equal(rows.ToList(), stored);

        var tables = new List<string>();
        await foreach (var table in new TableServiceClient(server.ConnectionString).QueryAsync())
        {
            tables.Add(table.Name);
        }

        Assert.Equal(["again", "kept"], tables.Order(StringComparer.Ordinal));
        var again = new List<string>();
        await foreach (var entity in new TableClient(server.ConnectionString, "again").QueryAsync<TableEntity>())
        {
            again.Add(entity.RowKey);
        }

        Assert.Equal(["new"], again);
    }

    private static async Task<List<string>> PeekAsync(AzuriteServer server) =>
        [.. (await new QueueClient(server.ConnectionString, "journal").PeekMessagesAsync(32)).Value.Select(m => m.MessageText)];

    /// <summary>SIGKILL of the three service processes at once: no graceful stop, no save.</summary>
    private static async Task KillEveryServiceAsync(AzuriteServer server)
    {
        var processes = server.ProcessIds.Select(Process.GetProcessById).ToList();
        foreach (var process in processes)
        {
            process.Kill();
        }

        foreach (var process in processes)
        {
            await process.WaitForExitAsync();
            process.Dispose();
        }

        await server.DisposeAsync();
    }
}
