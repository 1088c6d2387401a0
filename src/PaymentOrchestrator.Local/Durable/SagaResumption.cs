using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>
/// Signals every unfinished saga (and every saga with outcomes still to publish) so that it reads itself now: at start
/// (a saga whose signal was lost — a crash between saving its row and signalling — continues) and after the local
/// clock jumps. Idempotent: a live orchestration just gets one more input, and the wake-up it applies does nothing
/// that is not due. An instance left Pending by a kill is started again.
/// </summary>
public sealed class SagaResumption(SagaStore sagas, LocalSagaSignaller local)
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
}
