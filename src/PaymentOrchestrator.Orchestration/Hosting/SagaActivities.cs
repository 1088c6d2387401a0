using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// The bodies of the Durable activities, host-neutral: the Functions activities only pass strings through. Each is
/// idempotent (the runner dedupes by the row, commands carry their stored idempotency key, outcomes have stable ids),
/// because Durable runs activities at least once.
/// </summary>
public sealed class SagaActivities(SagaRunner runner, ICommandExecutor executor, IOutcomePublisher publisher, SagaStore store)
{
    /// <summary>Outcome rows deleted with the saga row's count in one transaction (at most 100 actions).</summary>
    private const int PublishBatch = 99;

    /// <summary>Apply: one input to the saga row; returns the <see cref="SagaProgress"/> it left.</summary>
    public async Task<string> ApplyAsync(string request, CancellationToken cancellationToken = default)
    {
        var apply = SagaHostingJson.ReadApply(request);
        var result = await runner.ApplyAsync(apply.Key, apply.Input, null, cancellationToken);
        return SagaHostingJson.Write(SagaProgress.From(apply.Key, result));
    }

    /// <summary>Execute: one command against Vipps; returns the Apply request for its result.</summary>
    public async Task<string> ExecuteAsync(string command, CancellationToken cancellationToken = default)
    {
        var vippsCommand = SagaHostingJson.ReadCommand(command);
        var result = await executor.ExecuteAsync(vippsCommand, cancellationToken);
        return SagaHostingJson.Write(new ApplyRequest(vippsCommand.Saga, result));
    }

    /// <summary>
    /// Publish: the saga's unpublished outcomes, oldest first, each batch marked published before the next is read (a
    /// batch fits one transaction); returns how many were sent.
    /// </summary>
    public async Task<int> PublishAsync(string sagaKey, CancellationToken cancellationToken = default)
    {
        var key = SagaHostingJson.ReadKey(sagaKey);
        var sent = 0;
        while (await store.ListUnpublishedOutcomesAsync(key, PublishBatch, cancellationToken) is { Count: > 0 } batch)
        {
            foreach (var outcome in batch)
            {
                await publisher.PublishAsync(outcome, cancellationToken);
            }

            sent += batch.Count;
            if (!await store.MarkPublishedAsync(key, batch.Select(o => o.Id).ToHashSet(StringComparer.Ordinal), cancellationToken))
            {
                break;
            }
        }

        return sent;
    }
}
