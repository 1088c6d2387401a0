using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using Azure.Storage.Queues.Models;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// <c>wake-ups</c>: drives the saga with a <see cref="WakeUp"/> and schedules the next one. A message that surfaces
/// before its time (a capped delay) is sent on again. Copies collapse: a wake-up that changed nothing and is not the one
/// the saga waits for schedules nothing, so restarts and webhooks do not multiply the polling chains.
/// </summary>
public sealed class WakeUpHandler(SagaStore sagas, SagaDriver driver, WakeUpScheduler wakeUps, TimeProvider time) : IQueueMessageHandler
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StalledRetry = TimeSpan.FromSeconds(5);

    public async Task<MessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var wakeUp = WakeUpMessage.TryParse(message.Body);
        if (wakeUp?.Key is not { } key)
        {
            return MessageOutcome.DeadLetter("MalformedWakeUp", "The message is not a wake-up ({\"kind\",\"msn\",\"id\",\"at\"}) naming a valid saga.");
        }

        if (wakeUp.At > time.GetUtcNow() + Tolerance)
        {
            await wakeUps.ScheduleAsync(key, wakeUp.At, cancellationToken);
            return MessageOutcome.Complete;
        }

        var before = await sagas.LoadAsync(key, cancellationToken);
        if (before is null)
        {
            return MessageOutcome.Complete;
        }

        var drive = await driver.DriveAsync(key, new WakeUp(), null, cancellationToken);
        if (drive.NextWakeUpAt is not { } next)
        {
            return MessageOutcome.Complete;
        }

        var changed = drive.Status != ApplyStatus.NoChange || drive.CommandsExecuted > 0 || drive.Published.Count > 0;
        if (!changed && next <= time.GetUtcNow())
        {
            // Due, yet nothing happened (e.g. a command in flight elsewhere): look again shortly rather than spin.
            await wakeUps.ScheduleAsync(key, next, cancellationToken, StalledRetry);
            return MessageOutcome.Complete;
        }

        var awaited = Same(wakeUp.At, before.NextWakeUpAt);
        if (changed || awaited || !Same(next, before.NextWakeUpAt))
        {
            await wakeUps.ScheduleAsync(key, next, cancellationToken);
        }

        return MessageOutcome.Complete;
    }

    private static bool Same(DateTimeOffset a, DateTimeOffset? b) => b is { } other && (a - other).Duration() <= Tolerance;
}
