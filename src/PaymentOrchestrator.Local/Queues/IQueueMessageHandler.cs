using Azure.Storage.Queues.Models;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// Handles one message of a queue for <see cref="QueueWorker"/> and settles it through <paramref name="settler"/>
/// (complete, or dead-letter with a reason); throw to have it retried. A message left unsettled is released.
/// </summary>
public interface IQueueMessageHandler
{
    Task HandleAsync(QueueMessage message, IMessageSettler settler, CancellationToken cancellationToken);
}
