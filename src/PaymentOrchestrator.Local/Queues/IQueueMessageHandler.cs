using Azure.Storage.Queues.Models;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>Handles one message of a queue for <see cref="QueueWorker"/>; throw to have it retried.</summary>
public interface IQueueMessageHandler
{
    Task<MessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken);
}
