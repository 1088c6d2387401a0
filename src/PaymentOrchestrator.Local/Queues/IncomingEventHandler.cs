using Azure.Storage.Queues.Models;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// <c>payment-requests</c> and <c>refund-requests</c> (Storage queues standing in for Service Bus): the message is
/// handed off exactly as the Functions triggers do — <see cref="MessageSettlement"/> applies it to the saga row, then
/// dead-letters it with its reason, or signals the saga's orchestration and completes it. Failures throw (retry).
/// </summary>
public sealed class IncomingEventHandler(MessageSettlement settlement, ISagaSignaller signaller, IReadOnlySet<string>? allowedTypes)
    : IQueueMessageHandler
{
    public async Task HandleAsync(QueueMessage message, IMessageSettler settler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await settlement.HandleAsync(message.Body.ToMemory(), allowedTypes, settler, signaller.SignalAsync, cancellationToken);
    }
}
