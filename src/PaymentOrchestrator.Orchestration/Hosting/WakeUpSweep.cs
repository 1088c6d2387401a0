using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// The safety net under the engine, and the alarm clock of parked sagas: reads the wake-up index's due minutes (one
/// range query), loads each saga listed there, and — by <see cref="WakeUpIndex.Decide"/> — signals the overdue ones
/// (moving their row <see cref="WakeUpIndex.SignalRetry"/> ahead, so a lost signal is retried), moves rows that are
/// earlier than their saga's attention to its minute (saves write none when the attention moves later), and deletes the
/// rows of sagas that need none. A saga whose signal was lost
/// between saving its row and signalling, or whose orchestration lost its messages, continues; a parked saga is woken
/// when its wake-up is due.
/// </summary>
public sealed partial class WakeUpSweep(SagaStore sagas, TimeProvider time, ILogger<WakeUpSweep> logger)
{
    /// <summary>Index rows one sweep handles at most; the rest wait for the next run (oldest minutes first).</summary>
    public const int MaxRowsPerSweep = 1000;

    /// <summary>Sweeps once, signalling through <paramref name="signaller"/>; <paramref name="slack"/> as in <see cref="WakeUpIndex.Decide"/>.</summary>
    public async Task<WakeUpSweepResult> SweepAsync(ISagaSignaller signaller, TimeSpan slack, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signaller);
        var now = time.GetUtcNow();
        var due = await sagas.ListDueIndexRowsAsync(now, MaxRowsPerSweep, cancellationToken);
        var (signalled, deleted, moved) = (0, 0, 0);
        foreach (var entry in due)
        {
            var stored = await sagas.LoadAsync(entry.Key, cancellationToken);
            var attention = stored is null
                ? null
                : WakeUpIndex.AttentionAt(stored.NextWakeUpAt, stored.UnpublishedOutcomeCount, stored.Summary.UpdatedAt);
            switch (WakeUpIndex.Decide(entry.Bucket, attention, stored?.Summary.UpdatedAt ?? now, now, slack))
            {
                case WakeUpSweepAction.Signal:
                    await signaller.SignalAsync(SagaProgress.Resume(entry.Key, stored), cancellationToken);
                    await sagas.MoveWakeUpAsync(entry, now + WakeUpIndex.SignalRetry, cancellationToken);
                    signalled++;
                    break;
                case WakeUpSweepAction.Move:
                    await sagas.MoveWakeUpAsync(entry, attention!.Value, cancellationToken);
                    moved++;
                    break;
                case WakeUpSweepAction.Delete:
                    await sagas.DeleteWakeUpAsync(entry, cancellationToken);
                    deleted++;
                    break;
            }
        }

        if (signalled > 0)
        {
            LogSignalled(signalled, due.Count);
        }

        return new WakeUpSweepResult(due.Count, signalled, deleted, moved);
    }

    [LoggerMessage(EventId = 4620, Level = LogLevel.Information, Message = "Wake-up sweep signalled {Signalled} of {Due} due sagas")]
    private partial void LogSignalled(int signalled, int due);
}
