using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>
/// Signals every unfinished saga (and every saga with outcomes still to publish) so that it reads itself now: at start
/// (a saga whose signal was lost — a crash between saving its row and signalling — continues) and after the local
/// clock jumps. Idempotent: a live orchestration just gets one more input, and the wake-up it applies does nothing
/// that is not due. An instance left Pending by a kill is started again.
/// </summary>
public sealed class SagaResumption(SagaStore sagas, LocalSagaSignaller local, TimeProvider time)
{
    private readonly ISagaSignaller signaller = local.ForResumption();

    /// <summary>Signals each resumable saga once; returns how many.</summary>
    public async Task<int> SignalAllAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var (key, _) in await sagas.ListResumableAsync(cancellationToken))
        {
            await signaller.SignalAsync(SagaProgress.Resume(key, await sagas.LoadAsync(key, cancellationToken)), cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Signals the sagas that look stalled: a wake-up more than <paramref name="grace"/> overdue, or outcomes still
    /// unpublished that long after the row last changed. The safety net under the engine: an orchestration that lost
    /// its messages (a kill at the wrong moment, a message taken twice) gets an input again, or is started again when
    /// it was left Pending. Returns how many were signalled.
    /// </summary>
    public async Task<int> SignalStalledAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        var count = 0;
        var due = time.GetUtcNow() - grace;
        foreach (var (key, next) in await sagas.ListResumableAsync(cancellationToken))
        {
            if (next is { } at && at > due)
            {
                continue;
            }

            var stored = await sagas.LoadAsync(key, cancellationToken);
            var stalled = stored is not null
                && ((stored.NextWakeUpAt is { } wake && wake <= due) || (stored.UnpublishedOutcomeCount > 0 && stored.Summary.UpdatedAt <= due));
            if (stalled)
            {
                await signaller.SignalAsync(SagaProgress.Resume(key, stored), cancellationToken);
                count++;
            }
        }

        return count;
    }
}
