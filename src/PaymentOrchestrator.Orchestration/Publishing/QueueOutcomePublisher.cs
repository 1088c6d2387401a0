using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Contracts;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Orchestration.Publishing;

/// <summary>Publishes outcome CloudEvents (structured JSON) to a Storage queue.</summary>
public sealed class QueueOutcomePublisher(QueueClient queue, IOptions<PaymentOrchestratorOptions> options) : IOutcomePublisher
{
    public async Task PublishAsync(OutgoingEvent outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var json = outcome.ToCloudEventJson(options.Value.EventSource);
        await queue.SendMessageAsync(BinaryData.FromBytes(json), cancellationToken: cancellationToken);
    }
}
