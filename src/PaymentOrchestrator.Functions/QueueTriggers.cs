using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Processing;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// The Service Bus queues. Each message is taken in and applied to its saga row (<see cref="SagaHandoff"/>), then the
/// saga's orchestration is signalled or started, then the message is completed; a refused one is dead-lettered with
/// its reason and never retried. An infrastructure failure throws: the message is redelivered, and after the
/// queue's maxDeliveryCount Service Bus dead-letters it.
/// </summary>
public sealed class QueueTriggers(SagaHandoff handoff)
{
    // ServiceBusTriggerAttribute(string queueName) { Connection, AutoCompleteMessages } (azure-functions-dotnet-worker
    // extensions/Worker.Extensions.ServiceBus/src/ServiceBusTriggerAttribute.cs); binding ServiceBusReceivedMessage with
    // ServiceBusMessageActions (samples/Extensions/ServiceBus/ServiceBusReceivedMessageFunctions.cs).
    [Function(HostingNames.Functions.PaymentRequests)]
    public Task PaymentRequestsAsync(
        [ServiceBusTrigger(OrchestratorNames.PaymentRequestsQueue, Connection = HostingNames.ServiceBusConnection, AutoCompleteMessages = false)]
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        HandleAsync(message, actions, client, EventTypeSets.PaymentRequests, cancellationToken);

    [Function(HostingNames.Functions.RefundRequests)]
    public Task RefundRequestsAsync(
        [ServiceBusTrigger(OrchestratorNames.RefundRequestsQueue, Connection = HostingNames.ServiceBusConnection, AutoCompleteMessages = false)]
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        HandleAsync(message, actions, client, EventTypeSets.RefundRequests, cancellationToken);

    private async Task HandleAsync(
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        DurableTaskClient client,
        IReadOnlySet<string>? allowedTypes,
        CancellationToken cancellationToken)
    {
        switch (await handoff.AcceptAsync(message.Body.ToMemory(), allowedTypes, cancellationToken))
        {
            case HandoffRejected rejected:
                // DeadLetterMessageAsync(message, Dictionary<string, object>? propertiesToModify, string? deadLetterReason,
                // string? deadLetterErrorDescription, CancellationToken) (extensions/Worker.Extensions.ServiceBus/src/ServiceBusMessageActions.cs).
                await actions.DeadLetterMessageAsync(
                    message, deadLetterReason: rejected.Code, deadLetterErrorDescription: rejected.Message, cancellationToken: cancellationToken);
                return;
            case HandoffReady ready:
                await SagaSignals.SignalAsync(client, ready.Progress, cancellationToken);
                break;
        }

        await actions.CompleteMessageAsync(message, cancellationToken);
    }
}
