using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Publishing;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// Publishes outcome CloudEvents (structured JSON) to the Service Bus queue <c>payment-events</c>. MessageId is the
/// outcome's stable id, so the queue's duplicate detection drops a re-publish after a retried activity.
/// </summary>
internal sealed class ServiceBusOutcomePublisher(ServiceBusSender sender, IOptions<PaymentOrchestratorOptions> options) : IOutcomePublisher
{
    public Task PublishAsync(OutgoingEvent outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);

        // ServiceBusMessage(BinaryData), MessageId, ContentType; ServiceBusSender.SendMessageAsync(ServiceBusMessage, CancellationToken):
        // azure-sdk-for-net sdk/servicebus/Azure.Messaging.ServiceBus/api/Azure.Messaging.ServiceBus.net8.0.cs.
        var message = new ServiceBusMessage(BinaryData.FromBytes(outcome.ToCloudEventJson(options.Value.EventSource)))
        {
            MessageId = outcome.Id,
            ContentType = "application/cloudevents+json; charset=utf-8",
        };
        return sender.SendMessageAsync(message, cancellationToken);
    }
}
