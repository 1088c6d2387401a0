using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// The storage ceiling: the same Table + Queue operation mix one orchestrated saga makes (counted on the wire), done
/// with the raw clients against the same Azurite and nothing else — no Vipps, no deciding, no serialization of state.
/// </summary>
internal sealed class StorageCeiling(TableClient table, QueueClient queue, IReadOnlyDictionary<string, double> mixPerSaga)
{
    private const string Partition = "ceiling";
    private static readonly string Payload = new('x', 600);
    private long _sequence;

    public static async Task<StorageCeiling> CreateAsync(string connectionString, string suffix, IReadOnlyDictionary<string, double> mixPerSaga)
    {
        var table = new StorageClients(connectionString).Tables.GetTableClient("ceiling" + suffix);
        await table.CreateIfNotExistsAsync();
        var queue = new StorageClients(connectionString).Queues.GetQueueClient("ceiling-" + suffix);
        await queue.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(Row("S|existing"));
        return new StorageCeiling(table, queue, mixPerSaga);
    }

    /// <summary>The integer mix of one saga-equivalent (averages rounded to the nearest whole operation).</summary>
    public IReadOnlyList<(string Kind, int Count)> Mix =>
        mixPerSaga.Where(p => !p.Key.Contains("create table", StringComparison.Ordinal))
            .Select(p => (p.Key, (int)Math.Round(p.Value, MidpointRounding.AwayFromZero)))
            .Where(p => p.Item2 > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>One saga-equivalent of storage work, sequential like a saga's.</summary>
    public async Task OneSagaAsync(int _)
    {
        var n = Interlocked.Increment(ref _sequence);
        foreach (var (kind, count) in Mix)
        {
            for (var i = 0; i < count; i++)
            {
                switch (kind)
                {
                    case "table: point read":
                        await table.GetEntityIfExistsAsync<TableEntity>(Partition, "S|existing");
                        break;
                    case "table: transaction":
                        // Like a saga save: the saga row plus three timeline rows in one batch.
                        await table.SubmitTransactionAsync(
                        [
                            new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row($"S|{n}")),
                            new TableTransactionAction(TableTransactionActionType.Add, Row($"H|{n}|{i}|1")),
                            new TableTransactionAction(TableTransactionActionType.Add, Row($"H|{n}|{i}|2")),
                            new TableTransactionAction(TableTransactionActionType.Add, Row($"H|{n}|{i}|3")),
                        ]);
                        break;
                    case "table: update" or "table: merge" or "table: insert":
                        await table.UpsertEntityAsync(Row($"S|{n}"), TableUpdateMode.Replace);
                        break;
                    case "table: query" or "table: read":
                        await foreach (var _row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey eq {"S|existing"}")))
                        {
                        }

                        break;
                    case "queue: send":
                        await queue.SendMessageAsync(BinaryData.FromString(Payload));
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private static TableEntity Row(string rowKey) => new(Partition, rowKey) { ["State"] = Payload, ["Version"] = 1L };
}
