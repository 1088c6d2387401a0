using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Recurring;
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
    /// <summary>The source recorded with an initial charge its agreement's saga hands over: an event of ours, not a publisher's.</summary>
    public const string AgreementsSource = "urn:payment-orchestrator:agreements";

    /// <summary>The type recorded with it (the charge saga's applied-event marker and timeline).</summary>
    public const string InitialChargeType = "initial-charge.handed-over";

    /// <summary>Outcome rows deleted with the saga row's count in one transaction (at most 100 actions).</summary>
    private const int PublishBatch = 99;

    /// <summary>
    /// Advance: read the row; apply a wake-up if one is due; execute the handed-out command and apply its result;
    /// publish what the row holds unpublished. Returns a <see cref="SagaAdvance"/> as JSON: what the orchestration
    /// does next. The rules are <see cref="SagaAdvance"/>'s; this method only performs them. <paramref name="signaller"/>
    /// (the host's hand-off rule over its Durable client) starts the saga an agreement hands its initial charge to.
    /// </summary>
    public async Task<string> AdvanceAsync(string sagaKey, ISagaSignaller signaller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signaller);
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
            var result = command is HandOverInitialCharge handOver
                ? await HandOverAsync(handOver, signaller, cancellationToken)
                : await executor.ExecuteAsync(command, cancellationToken);
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
    /// The one command no Vipps call answers: the agreement's initial charge is applied to its own charge saga, with the
    /// command's idempotency key as the event id (a repeat after a crash is a duplicate there), and that saga's
    /// orchestration is started or signalled by the host's hand-off rule. A refusal (the charge id holds another
    /// charge) is the agreement's answer; nothing is signalled.
    /// </summary>
    private async Task<CommandResult> HandOverAsync(HandOverInitialCharge command, ISagaSignaller signaller, CancellationToken cancellationToken)
    {
        var key = command.Charge.SagaKey;
        var origin = new EventOrigin(command.Key.Value, AgreementsSource, InitialChargeType);
        var applied = await runner.ApplyAsync(key, new InitialChargeAdopted(command.Charge), origin, cancellationToken);
        if (applied.Status == ApplyStatus.Rejected)
        {
            return new InitialChargeHandedOver(command.Key, $"{applied.Rejection?.Code}: {applied.Rejection?.Reason}");
        }

        await signaller.SignalAsync(
            applied.Status == ApplyStatus.Duplicate
                ? SagaProgress.Resume(key, applied.Saga ?? await store.LoadAsync(key, cancellationToken))
                : SagaProgress.From(key, applied),
            cancellationToken);
        return new InitialChargeHandedOver(command.Key, null);
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
