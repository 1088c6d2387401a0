using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Telemetry;

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

        // One read per step: each apply starts from the row as read or as the previous apply saved it (its ETag guards
        // the write; a row changed meanwhile is read again by the runner).
        var current = new AdvanceRow(stored.State, stored.NextWakeUpAt, stored.UnpublishedOutcomeCount, stored, []);
        if (SagaAdvance.IsWakeUpDue(current.WakeUpAt, time.GetUtcNow()))
        {
            current = current.After(await runner.ApplyAsync(key, new WakeUp(), null, current.Row, cancellationToken));
        }

        IdempotencyKey? executed = null;
        if (SagaAdvance.CommandToExecute(current.State) is { } command)
        {
            var result = await executor.ExecuteAsync(command, cancellationToken);
            current = current.After(await runner.ApplyAsync(key, result, null, current.Row, cancellationToken));
            executed = command.Key;
        }

        if (current.Unpublished > 0)
        {
            await PublishAsync(key, current, cancellationToken);
        }

        OrchestratorTelemetry.Stepped(stored.State, current.State, current.Decided, time.GetUtcNow());

        return SagaHostingJson.Write(SagaAdvance.After(key, current.State, current.WakeUpAt, executed));
    }

    /// <summary>
    /// Publishes the saga's unpublished outcomes. When this step decided all of them and knows the row it saved, they
    /// are published from memory and marked in one write guarded by that row's ETag — or, when another writer changed
    /// the row since (the webshop acting on the outcome just published, a webhook), marked by their ids: they were
    /// published, and outcomes the other writer saved come with its signal, whose advance publishes them. Otherwise
    /// (older ones left by a crash, or another writer before this step's save) they are read from their rows.
    /// </summary>
    private async Task PublishAsync(SagaKey key, AdvanceRow current, CancellationToken cancellationToken)
    {
        if (current.Row is { } row && row.UnpublishedOutcomeCount == current.Decided.Count && current.Decided.Count <= PublishBatch)
        {
            foreach (var outcome in current.Decided)
            {
                await publisher.PublishAsync(outcome, cancellationToken);
            }

            if (!await store.TryMarkPublishedAsync(row, cancellationToken))
            {
                await store.MarkPublishedAsync(key, current.Decided.Select(o => o.Id).ToHashSet(StringComparer.Ordinal), cancellationToken);
            }

            return;
        }

        await PublishStoredAsync(key, cancellationToken);
    }

    /// <summary>
    /// The saga's unpublished outcomes, oldest first, each batch marked published before the next is read (a batch fits
    /// one transaction). A short batch was the last: an outcome saved meanwhile comes with a signal, whose advance
    /// publishes it, so no read is spent on finding nothing.
    /// </summary>
    private async Task PublishStoredAsync(SagaKey key, CancellationToken cancellationToken)
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

    /// <summary>What one step knows of its saga between applies: the state, wake-up and unpublished count, the row (when
    /// known, for the next apply's ETag) and the outcomes this step decided, in order.</summary>
    private sealed record AdvanceRow(
        ISagaState State, DateTimeOffset? WakeUpAt, int Unpublished, StoredSaga? Row, IReadOnlyList<OutgoingEvent> Decided)
    {
        public AdvanceRow After(ApplyResult result) =>
            new(result.State, result.NextWakeUpAt, result.UnpublishedOutcomeCount, result.Saga, [.. Decided, .. result.NewOutcomes]);
    }
}
