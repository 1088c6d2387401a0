using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// Schedules wake-ups for unfinished sagas (and those with outcomes still to publish): all of them when the host
/// starts, so a restart resumes every saga where it stood; only the overdue ones on the periodic sweep and after the
/// local clock jumps.
/// </summary>
public sealed class SagaResumer(SagaStore sagas, WakeUpScheduler wakeUps, TimeProvider time)
{
    /// <summary>Schedules a wake-up of every resumable saga at its NextWakeUpAt (now when it has none); returns how many.</summary>
    public async Task<int> ResumeAllAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        var now = time.GetUtcNow();
        foreach (var (key, next) in await sagas.ListResumableAsync(cancellationToken))
        {
            await wakeUps.ScheduleAsync(key, next ?? now, cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>Wakes now every saga whose wake-up is more than <paramref name="grace"/> overdue; returns how many.</summary>
    public async Task<int> WakeOverdueAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        var count = 0;
        var now = time.GetUtcNow();
        foreach (var (key, next) in await sagas.ListResumableAsync(cancellationToken))
        {
            if (next is { } at && at <= now - grace)
            {
                await wakeUps.ScheduleAsync(key, at, cancellationToken);
                count++;
            }
        }

        return count;
    }
}
