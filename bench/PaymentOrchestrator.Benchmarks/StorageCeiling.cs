using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// The storage ceiling: the host's own requests per saga (counted by the <see cref="StorageProxy"/>, net of idle
/// polling) replayed with the raw clients against an empty Azurite and nothing else — no Vipps, no engine, no
/// deciding. Kinds it cannot replay alone (blob leases, table and queue creation) are listed in <see cref="Skipped"/>.
/// </summary>
internal sealed class StorageCeiling(TableClient table, QueueClient queue, IReadOnlyDictionary<string, double> mixPerSaga)
{
    private const string Partition = "ceiling";
    private static readonly string Payload = new('x', 600);
    private static readonly string[] Replayed =
    [
        "table: point read", "table: transaction", "table: update", "table: merge", "table: insert", "table: query", "table: delete",
        "queue: send", "queue: receive", "queue: peek", "queue: delete message", "queue: update message", "queue: properties",
    ];

    private readonly ConcurrentQueue<QueueMessage> _received = new();
    private long _sequence;

    public static async Task<StorageCeiling> CreateAsync(string connectionString, string suffix, IReadOnlyDictionary<string, double> mixPerSaga)
    {
        var clients = new StorageClients(connectionString);
        var table = clients.Tables.GetTableClient("ceiling" + suffix);
        await table.CreateIfNotExistsAsync();
        var queue = clients.Queues.GetQueueClient("ceiling-" + suffix);
        await queue.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(Row("S|existing"));
        return new StorageCeiling(table, queue, mixPerSaga);
    }

    /// <summary>The integer mix of one saga-equivalent (averages rounded to the nearest whole request).</summary>
    public IReadOnlyList<(string Kind, int Count)> Mix =>
        mixPerSaga.Where(p => Replayed.Contains(p.Key))
            .Select(p => (p.Key, (int)Math.Round(p.Value, MidpointRounding.AwayFromZero)))
            .Where(p => p.Item2 > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>Kinds of the host's mix not replayed, with their net requests per saga.</summary>
    public IReadOnlyList<string> Skipped =>
        mixPerSaga.Where(p => !Replayed.Contains(p.Key) && p.Value >= 0.05)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => FormattableString.Invariant($"{p.Key} {p.Value:F1}"))
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
                        // Like a history or saga save: four entities in one batch.
                        await table.SubmitTransactionAsync(
                        [
                            new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row($"S|{n}")),
                            new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row($"H|{n}|{i}|1")),
                            new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row($"H|{n}|{i}|2")),
                            new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row($"H|{n}|{i}|3")),
                        ]);
                        break;
                    case "table: update" or "table: merge" or "table: insert":
                        await table.UpsertEntityAsync(Row($"S|{n}"), kind == "table: merge" ? TableUpdateMode.Merge : TableUpdateMode.Replace);
                        break;
                    case "table: delete":
                        try
                        {
                            await table.DeleteEntityAsync(Partition, $"D|{n}|{i}");
                        }
                        catch (Azure.RequestFailedException e) when (e.Status == 404)
                        {
                        }

                        break;
                    case "table: query":
                        await foreach (var _row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey eq {"S|existing"}")))
                        {
                        }

                        break;
                    case "queue: send":
                        await queue.SendMessageAsync(BinaryData.FromString(Payload));
                        break;
                    case "queue: receive":
                        foreach (var message in (await queue.ReceiveMessagesAsync(maxMessages: 1, visibilityTimeout: TimeSpan.FromSeconds(30))).Value)
                        {
                            _received.Enqueue(message);
                        }

                        break;
                    case "queue: peek":
                        await queue.PeekMessagesAsync(maxMessages: 1);
                        break;
                    case "queue: delete message" when _received.TryDequeue(out var message):
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        break;
                    case "queue: update message" when _received.TryDequeue(out var message):
                        var receipt = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(30));
                        _received.Enqueue(message.Update(receipt.Value));
                        break;
                    case "queue: properties":
                        await queue.GetPropertiesAsync();
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private static TableEntity Row(string rowKey) => new(Partition, rowKey) { ["State"] = Payload, ["Version"] = 1L };
}
