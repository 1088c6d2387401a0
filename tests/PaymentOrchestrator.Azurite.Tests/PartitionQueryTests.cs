using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Azurite.Tests;

/// <summary>
/// launch.js answers an entity query whose filter pins one PartitionKey from its index of that partition (only the
/// RowKey range the filter names, in RowKey order) instead of Azurite's scan of the whole table. These pin that every
/// such query still returns exactly what the filter selects, in Azure's order, page by page — against a model of the
/// table kept by the test — after inserts, replaces, deletes alone and in transactions, and a restart on disk (also with
/// an <c>or</c> or a <c>not</c> inside the pinned conjunction, as the Durable backend's history load has); and that
/// filters it must not narrow (an <c>or</c> or <c>not</c> at the top, no PartitionKey) still see every partition.
/// </summary>
public sealed class PartitionQueryTests
{
    private static readonly string[] Partitions = ["a", "b", "b'quote", "c"];

    [Fact]
    public async Task queries_pinned_to_a_partition_return_what_the_filter_selects_in_row_key_order_page_by_page()
    {
        await using var server = await AzuriteServer.StartAsync(AzuriteOptions.ForTests);
        var table = new TableClient(server.ConnectionString, "partitions");
        await table.CreateIfNotExistsAsync();
        var model = new SortedDictionary<(string, string), int>(Comparer<(string, string)>.Create(
            (x, y) => string.CompareOrdinal(x.Item1, y.Item1) is var p and not 0 ? p : string.CompareOrdinal(x.Item2, y.Item2)));
        var random = new Random(20261206);

        // Four partitions of mixed row keys (prefixes as a saga's rows have them), inserted out of order.
        foreach (var partition in Partitions)
        {
            var keys = Enumerable.Range(0, 240).Select(i => $"{"HLMSU"[i % 5]}|{random.Next(1000):D4}|{i}").OrderBy(_ => random.Next()).ToList();
            foreach (var chunk in keys.Chunk(80))
            {
                await table.SubmitTransactionAsync(chunk.Select(k =>
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, k) { ["N"] = k.Length + k[0] })));
                foreach (var k in chunk)
                {
                    model[(partition, k)] = k.Length + k[0];
                }
            }
        }

        await AssertQueriesAsync(table, model);

        // Replaced, merged and deleted — alone and in a transaction (whose deletes LokiJS does not always announce) —
        // then added again: the queries follow.
        var b = model.Keys.Where(k => k.Item1 == "b").Select(k => k.Item2).ToList();
        await table.UpsertEntityAsync(new TableEntity("b", b[3]) { ["N"] = -3 }, TableUpdateMode.Replace);
        model[("b", b[3])] = -3;
        await table.DeleteEntityAsync("b", b[4]);
        model.Remove(("b", b[4]));
        await table.SubmitTransactionAsync(b.Skip(10).Take(40).Select(k =>
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("b", k), ETag.All)));
        foreach (var k in b.Skip(10).Take(40))
        {
            model.Remove(("b", k));
        }

        foreach (var k in b.Skip(10).Take(5).Append("M|0000|new").Append("Z"))
        {
            await table.AddEntityAsync(new TableEntity("b", k) { ["N"] = 7 });
            model[("b", k)] = 7;
        }

        // Enough rows added, out of order, that launch.js keeps the partition's key order in several chunks (of at
        // most 512 keys, split as they fill) — then a run of them deleted again.
        var more = Enumerable.Range(0, 1_200).Select(i => $"{"HLMSU"[i % 5]}|{random.Next(1000):D4}|n{i}").OrderBy(_ => random.Next()).ToList();
        foreach (var chunk in more.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(k =>
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("b", k) { ["N"] = k.Length })));
            foreach (var k in chunk)
            {
                model[("b", k)] = k.Length;
            }
        }

        foreach (var k in model.Keys.Where(k => k.Item1 == "b").Select(k => k.Item2).Skip(300).Take(100).ToList())
        {
            await table.DeleteEntityAsync("b", k);
            model.Remove(("b", k));
        }

        await AssertQueriesAsync(table, model);
    }

    [Fact]
    public async Task after_a_restart_on_disk_a_pinned_query_finds_the_stored_rows_and_the_ones_added_since()
    {
        var folder = Directory.CreateTempSubdirectory("po-azurite-partitions-").FullName;
        try
        {
            await using (var first = await AzuriteServer.StartAsync(AzuriteOptions.ForTests with { DataDirectory = folder }))
            {
                var table = new TableClient(first.ConnectionString, "partitions");
                await table.CreateIfNotExistsAsync();
                await table.SubmitTransactionAsync(Enumerable.Range(0, 20).Select(i =>
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"U|{i:D2}"))));
            }

            await using var second = await AzuriteServer.StartAsync(AzuriteOptions.ForTests with { DataDirectory = folder });
            var again = new TableClient(second.ConnectionString, "partitions");
            await again.AddEntityAsync(new TableEntity("p", "U|05x"));
            var rows = await RowKeysAsync(again, "PartitionKey eq 'p' and RowKey ge 'U|05' and RowKey lt 'U|08'", pageSize: 2);
            Assert.Equal(["U|05", "U|05x", "U|06", "U|07"], rows);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every query shape against the model: pinned (with ranges, properties, equal keys), and not pinned.</summary>
    private static async Task AssertQueriesAsync(TableClient table, SortedDictionary<(string, string), int> model)
    {
        string Q(string s) => s.Replace("'", "''", StringComparison.Ordinal);
        foreach (var partition in Partitions)
        {
            var rows = model.Keys.Where(k => k.Item1 == partition).Select(k => k.Item2).ToList();
            var some = rows[rows.Count / 3];
            var cases = new (string Filter, Func<string, bool> Selects)[]
            {
                ($"PartitionKey eq '{Q(partition)}'", _ => true),
                ($"PartitionKey eq '{Q(partition)}' and RowKey ge 'M|' and RowKey lt 'M}}'", k => k.StartsWith("M|", StringComparison.Ordinal)),
                ($"(RowKey gt 'L|0500') and (PartitionKey eq '{Q(partition)}') and (RowKey le 'S|0100|')", k => string.CompareOrdinal(k, "L|0500") > 0 && string.CompareOrdinal(k, "S|0100|") <= 0),
                ($"PartitionKey eq '{Q(partition)}' and RowKey eq '{Q(some)}'", k => k == some),
                ($"PartitionKey eq '{Q(partition)}' and N gt 8", k => model[(partition, k)] > 8),
                // The Durable backend's history load: an `or` inside the pinned conjunction.
                ($"PartitionKey eq '{Q(partition)}' and (RowKey eq '{Q(some)}' or N lt 9)", k => k == some || model[(partition, k)] < 9),
                ($"(RowKey ge 'S|' and not (N eq 8)) and PartitionKey eq '{Q(partition)}'", k => string.CompareOrdinal(k, "S|") >= 0 && model[(partition, k)] != 8),
                ($"PartitionKey eq '{Q(partition)}' and RowKey ge 'zzz'", _ => false),
                ($"PartitionKey eq '{Q(partition)}' and PartitionKey eq 'nowhere'", _ => false),
            };
            foreach (var (filter, selects) in cases)
            {
                var expected = rows.Where(selects).ToList();
                Assert.Equal(expected, await RowKeysAsync(table, filter, pageSize: 1000));
                Assert.Equal(expected, await RowKeysAsync(table, filter, pageSize: 7));
            }
        }

        // Not narrowed: every partition still answers, in partition then row key order.
        var notPinned = new (string Filter, Func<(string, string), bool> Selects)[]
        {
            ("PartitionKey eq 'a' or PartitionKey eq 'c'", k => k.Item1 is "a" or "c"),
            ("not (PartitionKey eq 'a') and RowKey lt 'L|'", k => k.Item1 != "a" && string.CompareOrdinal(k.Item2, "L|") < 0),
            ("RowKey ge 'U|0900'", k => string.CompareOrdinal(k.Item2, "U|0900") >= 0),
        };
        foreach (var (filter, selects) in notPinned)
        {
            var expected = model.Keys.Where(selects).Select(k => k.Item1 + "/" + k.Item2).ToList();
            Assert.Equal(expected, await KeysAsync(table, filter, pageSize: 11));
        }
    }

    private static async Task<List<string>> RowKeysAsync(TableClient table, string filter, int pageSize) =>
        [.. (await KeysAsync(table, filter, pageSize)).Select(k => k[(k.IndexOf('/', StringComparison.Ordinal) + 1)..])];

    /// <summary>The keys a query returns, page by page through its continuation tokens.</summary>
    private static async Task<List<string>> KeysAsync(TableClient table, string filter, int pageSize)
    {
        var keys = new List<string>();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, select: ["PartitionKey", "RowKey"]).AsPages())
        {
            Assert.True(page.Values.Count <= pageSize);
            keys.AddRange(page.Values.Select(e => e.PartitionKey + "/" + e.RowKey));
        }

        return keys;
    }
}
