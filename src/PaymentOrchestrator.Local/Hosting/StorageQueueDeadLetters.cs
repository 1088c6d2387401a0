using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Api.DeadLetters;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Local.Hosting;

/// <summary>The local host's work queues for the API: Storage queues whose dead letters are <c>&lt;queue&gt;-poison</c> (<see cref="DeadLetterQueues"/>).</summary>
internal sealed class StorageQueueDeadLetters(QueueServiceClient queues, IOptions<LocalHostSettings> settings) : IDeadLetterQueues
{
    private static readonly int PoisonSuffixLength = QueueWorker.PoisonQueueName(string.Empty).Length;

    public IReadOnlyList<string> WorkQueues { get; } =
        [settings.Value.Queues.PaymentRequests, settings.Value.Queues.RefundRequests];

    public int PeekLimit => QueueLimits.MaxMessagesPerReceive;

    public async Task<IReadOnlyList<DeadLetterListing>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<DeadLetterListing>();
        foreach (var (poisonQueue, _, first) in await new DeadLetterQueues(queues).ListAsync(WorkQueues, cancellationToken))
        {
            var messages = first
                .Where(e => e.Message is not null)
                .Select(e => Letter(e.MessageId, e.Message!))
                .ToList();
            result.Add(new DeadLetterListing(poisonQueue[..^PoisonSuffixLength], poisonQueue, messages));
        }

        return result;
    }

    private static DeadLetter Letter(string poisonId, PoisonMessage message)
    {
        var view = DeadLetterView.Create(poisonId, message.Reason, message.Description, message.Queue, message.PoisonedAt, message.DequeueCount,
            message.OriginalEncoding, message.OriginalMessage);
        return new DeadLetter(poisonId, message.MessageId, view.Msn, view);
    }

    public Task<int> ReplayAsync(string workQueue, Func<DeadLetter, bool> select, CancellationToken cancellationToken) =>
        new DeadLetterQueues(queues).ReplayAsync(workQueue, (poisonId, wrapper) =>
            select(Letter(poisonId, wrapper)), cancellationToken);

    public async Task<IReadOnlyDictionary<string, int>> DepthsAsync(CancellationToken cancellationToken)
    {
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in WorkQueues)
        {
            depths[name] = (await queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            var poison = QueueWorker.PoisonQueueName(name);
            depths[poison] = (await queues.GetQueueClient(poison).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }

        return depths;
    }
}
