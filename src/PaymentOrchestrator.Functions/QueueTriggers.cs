using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Processing;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// The Service Bus queues. Each message is taken in and applied to its saga row, then the saga's orchestration is
/// signalled or started, then the message is completed; a refused one is dead-lettered with its reason and never
/// retried (<see cref="MessageSettlement"/>, tested in Orchestration). An infrastructure failure throws: the message is
/// redelivered, and after the queue's maxDeliveryCount Service Bus dead-letters it.
/// Compiled only with <c>-p:IncludeServiceBusTriggers=true</c> (docs/deployment.md): the Service Bus extension package
/// is not served by the package source on the build machines here.
/// </summary>
public sealed class QueueTriggers(MessageSettlement settlement, ILogger<QueueTriggers> logger)
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
        // Once per process: the maintenance orchestration runs (sweep, reconciliation, purge; see HttpApi).
        await MaintenanceStarter.EnsureStartedOnceAsync(client, logger, cancellationToken);
        await settlement.HandleAsync(
            message.Body.ToMemory(),
            allowedTypes,
            new ServiceBusSettler(message, actions),
            new DurableClientSagaSignaller(client).SignalAsync,
            cancellationToken);
    }

    /// <summary>Settles through <see cref="ServiceBusMessageActions"/>.</summary>
    private sealed class ServiceBusSettler(ServiceBusReceivedMessage message, ServiceBusMessageActions actions) : IMessageSettler
    {
        public Task CompleteAsync(CancellationToken cancellationToken) =>
            actions.CompleteMessageAsync(message, cancellationToken);

        // DeadLetterMessageAsync(message, Dictionary<string, object>? propertiesToModify, string? deadLetterReason,
        // string? deadLetterErrorDescription, CancellationToken) (extensions/Worker.Extensions.ServiceBus/src/ServiceBusMessageActions.cs).
        public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken) =>
            actions.DeadLetterMessageAsync(
                message, deadLetterReason: reason, deadLetterErrorDescription: description, cancellationToken: cancellationToken);
    }
}
