using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Contracts;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Orchestration.Telemetry;

namespace PaymentOrchestrator.Orchestration.Publishing;

/// <summary>
/// Publishes outcome CloudEvents (structured JSON) to a Storage queue, each with the <c>traceparent</c> of its send span
/// when tracing is on, so that a webshop's handling continues the payment's trace.
/// </summary>
public sealed class QueueOutcomePublisher(QueueClient queue, IOptions<PaymentOrchestratorOptions> options) : IOutcomePublisher
{
    public async Task PublishAsync(OutgoingEvent outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var activity = OrchestratorTelemetry.StartPublish(outcome, queue.Name);
        var json = outcome.ToCloudEventJson(options.Value.EventSource, OrchestratorTelemetry.TraceParentOf(activity));
        await queue.SendMessageAsync(BinaryData.FromBytes(json), cancellationToken: cancellationToken);
        OrchestratorTelemetry.Published(outcome);
    }
}
