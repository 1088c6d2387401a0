using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>Reads and replays the poison queues (<c>&lt;queue&gt;-poison</c>).</summary>
public sealed class DeadLetterQueues(QueueServiceClient queues)
{
    /// <summary>One poison message as listed.</summary>
    public sealed record Entry(string PoisonQueue, string MessageId, PoisonMessage? Message, string RawText);

    /// <summary>How many messages each poison queue holds (approximately), and the first 32 of each.</summary>
    public async Task<IReadOnlyList<(string PoisonQueue, int Count, IReadOnlyList<Entry> First)>> ListAsync(
        IEnumerable<string> workQueues, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workQueues);
        var result = new List<(string, int, IReadOnlyList<Entry>)>();
        foreach (var queue in workQueues)
        {
            var poison = queues.GetQueueClient(QueueWorker.PoisonQueueName(queue));
            await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            var count = (await poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            var peeked = (await poison.PeekMessagesAsync(QueueLimits.MaxMessagesPerReceive, cancellationToken)).Value;
            result.Add((poison.Name, count, peeked.Select(p => new Entry(poison.Name, p.MessageId, PoisonMessage.TryParse(p.Body), p.MessageText)).ToList()));
        }

        return result;
    }

    /// <summary>
    /// Sends poison messages of <paramref name="workQueue"/> back to the queue they came from, unchanged, and removes them
    /// from the poison queue; only the one with <paramref name="messageId"/> (poison or original id) when given.
    /// Returns how many were replayed.
    /// </summary>
    public Task<int> ReplayAsync(string workQueue, string? messageId = null, CancellationToken cancellationToken = default) =>
        ReplayAsync(workQueue, (id, wrapper) => messageId is null || id == messageId || wrapper.MessageId == messageId, cancellationToken);

    /// <summary>
    /// Replays the poison messages of <paramref name="workQueue"/> that <paramref name="select"/> picks (given the poison
    /// message id and the wrapper); the others stay. Returns how many were replayed.
    /// </summary>
    public async Task<int> ReplayAsync(string workQueue, Func<string, PoisonMessage, bool> select, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(select);
        var poison = queues.GetQueueClient(QueueWorker.PoisonQueueName(workQueue));
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var replayed = 0;
        var skipped = new List<QueueMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var batch = (await poison.ReceiveMessagesAsync(QueueLimits.MaxMessagesPerReceive, TimeSpan.FromMinutes(1), cancellationToken)).Value;
            var fresh = batch.Where(m => seen.Add(m.MessageId)).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var message in fresh)
            {
                var wrapper = PoisonMessage.TryParse(message.Body);
                if (wrapper is null || !select(message.MessageId, wrapper))
                {
                    skipped.Add(message);
                    continue;
                }

                await queues.GetQueueClient(string.IsNullOrEmpty(wrapper.Queue) ? workQueue : wrapper.Queue)
                    .SendMessageAsync(wrapper.Original(), cancellationToken: cancellationToken);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                replayed++;
            }
        }

        foreach (var message in skipped)
        {
            await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
        }

        return replayed;
    }
}
