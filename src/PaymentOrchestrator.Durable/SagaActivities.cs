using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Durable;

/// <summary>
/// The body of the one Durable activity, host-neutral: the hosts only pass strings through. One run advances a saga by
/// one step; it is idempotent because Durable runs activities at least once: the runner dedupes by the row, the
/// command carries its stored idempotency key, and outcomes have stable ids.
/// </summary>
public sealed class SagaActivities(SagaRunner runner, ICommandExecutor executor, IOutcomePublisher publisher, SagaStore store, TimeProvider time)
{
    /// <summary>Outcome rows deleted with the saga row's count in one transaction (at most 100 actions).</summary>
    private const int PublishBatch = 99;

    /// <summary>
    /// Advance: read the row; apply a wake-up if one is due; execute the handed-out command and apply its result;
    /// publish what the row holds unpublished. Returns a <see cref="SagaAdvance"/> as JSON: what the orchestration
    /// does next. The rules are <see cref="SagaAdvance"/>'s; this method only performs them.
    /// </summary>
    public async Task<string> AdvanceAsync(string sagaKey, CancellationToken cancellationToken = default)
    {
        var key = SagaHostingJson.ReadKey(sagaKey);
        if (await store.LoadAsync(key, cancellationToken) is not { } stored)
        {
            return SagaHostingJson.Write(SagaAdvance.Gone(key));
        }

        var (state, wakeUpAt, unpublished) = (stored.State, stored.NextWakeUpAt, stored.UnpublishedOutcomeCount);
        if (SagaAdvance.IsWakeUpDue(wakeUpAt, time.GetUtcNow()))
        {
            (state, wakeUpAt, unpublished) = Saved(await runner.ApplyAsync(key, new WakeUp(), null, cancellationToken));
        }

        IdempotencyKey? executed = null;
        if (SagaAdvance.CommandToExecute(state) is { } command)
        {
            var result = await executor.ExecuteAsync(command, cancellationToken);
            (state, wakeUpAt, unpublished) = Saved(await runner.ApplyAsync(key, result, null, cancellationToken));
            executed = command.Key;
        }

        if (unpublished > 0)
        {
            await PublishAsync(key, cancellationToken);
        }

        return SagaHostingJson.Write(SagaAdvance.After(key, state, wakeUpAt, executed));
    }

    private static (ISagaState State, DateTimeOffset? WakeUpAt, int Unpublished) Saved(ApplyResult result) =>
        (result.State, result.NextWakeUpAt, result.UnpublishedOutcomeCount);

    /// <summary>
    /// The saga's unpublished outcomes, oldest first, each batch marked published before the next is read (a batch fits
    /// one transaction). A short batch was the last: an outcome saved meanwhile comes with a signal, whose advance
    /// publishes it, so no read is spent on finding nothing.
    /// </summary>
    private async Task PublishAsync(SagaKey key, CancellationToken cancellationToken)
    {
        var more = true;
        while (more && await store.ListUnpublishedOutcomesAsync(key, PublishBatch, cancellationToken) is { Count: > 0 } batch)
        {
            more = batch.Count == PublishBatch;
            foreach (var outcome in batch)
            {
                await publisher.PublishAsync(outcome, cancellationToken);
            }

            if (!await store.MarkPublishedAsync(key, batch.Select(o => o.Id).ToHashSet(StringComparer.Ordinal), cancellationToken))
            {
                break;
            }
        }
    }
}
