using PaymentOrchestrator.Orchestration.Processing;
using Azure.Storage.Queues.Models;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// <c>payment-requests</c> and <c>refund-requests</c>: intake and drive in-process, then schedule the saga's next
/// wake-up. Refusals go to the poison queue with their code as the reason; infrastructure failures throw (retry).
/// </summary>
public sealed class IncomingEventHandler(
    IncomingEventProcessor processor, WakeUpScheduler wakeUps, IReadOnlySet<string>? allowedTypes, TimeProvider time) : IQueueMessageHandler
{
    public async Task<MessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (await processor.ProcessAsync(message.Body.ToMemory(), allowedTypes, cancellationToken))
        {
            case ProcessApplied applied:
                await wakeUps.AfterDriveAsync(applied.Event.SagaKey, applied.Drive.NextWakeUpAt, cancellationToken);
                return MessageOutcome.Complete;
            case ProcessDuplicate duplicate:
                // A redelivery after the apply but before its wake-up was scheduled would otherwise leave the saga
                // asleep; an extra wake-up is a harmless no-op.
                await wakeUps.ScheduleAsync(duplicate.Event.SagaKey, time.GetUtcNow(), cancellationToken);
                return MessageOutcome.Complete;
            case ProcessRejected rejected:
                return MessageOutcome.DeadLetter(rejected.Code, rejected.Message);
            default:
                throw new InvalidOperationException("Unknown processing result.");
        }
    }
}
