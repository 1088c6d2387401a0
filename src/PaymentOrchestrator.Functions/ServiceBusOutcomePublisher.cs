using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Telemetry;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// Publishes outcome CloudEvents (structured JSON) to the Service Bus queue <c>payment-events</c>. MessageId is the
/// outcome's stable id, so the queue's duplicate detection drops a re-publish after a retried activity.
/// </summary>
internal sealed class ServiceBusOutcomePublisher(ServiceBusSender sender, IOptions<PaymentOrchestratorOptions> options) : IOutcomePublisher
{
    public async Task PublishAsync(OutgoingEvent outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var activity = OrchestratorTelemetry.StartPublish(outcome, sender.EntityPath);

        // ServiceBusMessage(BinaryData), MessageId, ContentType; ServiceBusSender.SendMessageAsync(ServiceBusMessage, CancellationToken):
        // azure-sdk-for-net sdk/servicebus/Azure.Messaging.ServiceBus/api/Azure.Messaging.ServiceBus.net8.0.cs.
        var message = new ServiceBusMessage(BinaryData.FromBytes(outcome.ToCloudEventJson(options.Value.EventSource, OrchestratorTelemetry.TraceParentOf(activity))))
        {
            MessageId = outcome.Id,
            ContentType = "application/cloudevents+json; charset=utf-8",
        };
        await sender.SendMessageAsync(message, cancellationToken);
        OrchestratorTelemetry.Published(outcome);
    }
}
