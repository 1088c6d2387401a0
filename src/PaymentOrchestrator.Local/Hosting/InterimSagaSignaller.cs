using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Running;

namespace PaymentOrchestrator.Local.Hosting;

/// <summary>
/// INTERIM: the local host's <see cref="ISagaSignaller"/> until it runs sagas on the Durable engine (branch
/// <c>engine</c> registers the real one; delete this file then). A saga that needs running gets a wake-up now and the
/// <c>wake-ups</c> worker drives it. The one exception: a command the apply just issued is executed here, because a
/// wake-up would not re-issue it before <c>Sagas:*:Retry:CommandTimeout</c> (2 min) — the same in-process step the
/// local host took before the API handed off.
/// </summary>
internal sealed class InterimSagaSignaller(ICommandExecutor executor, SagaDriver driver, WakeUpScheduler wakeUps) : ISagaSignaller
{
    public async Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!progress.NeedsOrchestration)
        {
            return;
        }

        if (progress.Commands.Count > 0)
        {
            var result = await executor.ExecuteAsync(progress.Commands[0], cancellationToken);
            var drive = await driver.DriveAsync(progress.Key, result, null, cancellationToken);
            await wakeUps.AfterDriveAsync(progress.Key, drive.NextWakeUpAt, cancellationToken);
            if (!progress.HasUnpublishedOutcomes)
            {
                return;
            }
        }

        // Outcomes the apply saved are published by a wake-up's drive (the recovery path publishes what is pending).
        await wakeUps.ScheduleAsync(progress.Key, progress.HasUnpublishedOutcomes ? DateTimeOffset.MinValue : progress.NextWakeUpAt ?? DateTimeOffset.MinValue,
            cancellationToken);
    }
}
