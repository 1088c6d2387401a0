using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Running;

/// <summary>
/// Applies one input to one saga: load the row and its ETag (and the row of the capture or refund the input names),
/// decide, evolve, and save state + outbox + operation rows + timeline + outcomes (+ the applied-event marker) in one
/// single-partition transaction. A 412 means another writer won: reload and decide again. The commands it returns are
/// already in the saved outbox with their idempotency keys, so a crash after this point re-runs them with the same keys.
/// Outcomes carrying personal data (<see cref="Decision.PersonalOutcomes"/>) are published before the save and never
/// saved: a crash or a lost save re-decides and publishes the same event id again (at least once, never stored).
/// </summary>
public sealed partial class SagaRunner(
    SagaStore store,
    SagaDeciders deciders,
    TimeProvider time,
    IOptions<PaymentOrchestratorOptions> options,
    IOutcomePublisher publisher,
    ILogger<SagaRunner> logger)
{
    private readonly SagaGate<SagaKey> _gate = new();

    public Task<ApplyResult> ApplyAsync(
        SagaKey key, SagaInput input, EventOrigin? origin = null, CancellationToken cancellationToken = default) =>
        ApplyAsync(key, input, origin, null, cancellationToken);

    /// <summary>
    /// The same, with the row as the caller last read or saved it (<paramref name="known"/>): the first attempt decides
    /// on it instead of reading the row again; if another writer changed the row since, the save's ETag check fails and
    /// the next attempt reads it.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(
        SagaKey key, SagaInput input, EventOrigin? origin, StoredSaga? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var turn = await _gate.EnterAsync(key, cancellationToken);
        var attempts = options.Value.MaxConcurrencyRetries;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var stored = attempt == 1 && known is not null ? known : await store.LoadAsync(key, cancellationToken);
            var state = stored?.State ?? SagaDeciders.New(key);
            // An operation row changes only with the saga row, so this read is as current as the ETag it is saved under.
            var recorded = SagaDeciders.OperationNamedBy(state, input) is { } named
                ? await store.FindOperationAsync(key, named.Kind, named.Id, cancellationToken)
                : null;
            var now = time.GetUtcNow();
            var (decision, next) = deciders.Apply(state, input, now, recorded);
            var wakeUp = decision.WakeUpAt ?? deciders.NextWakeUp(next);
            var unpublished = stored?.UnpublishedOutcomeCount ?? 0;

            if (decision.IsRejected && (stored is null || OperationLimits.IsRetryable(decision.Rejection!.Code)))
            {
                // Nothing to attach the refusal to (no row is created for an input that never started a saga), or a
                // "not now" that must not be remembered: no marker, so the same event is decided afresh when it comes again.
                LogRejected(key, decision.Rejection!.Code, decision.Rejection.Reason);
                return new ApplyResult(ApplyStatus.Rejected, state, [], [], unpublished, stored?.NextWakeUpAt, decision.Rejection, stored);
            }

            if (decision.IsNoOp && origin is null)
            {
                return new ApplyResult(ApplyStatus.NoChange, state, [], [], unpublished, stored?.NextWakeUpAt ?? wakeUp, null, stored);
            }

            foreach (var personal in decision.PersonalOutcomes)
            {
                await publisher.PublishAsync(personal, cancellationToken);
            }

            var write = new SagaWrite(stored, next, wakeUp, decision.Events, Timeline.For(input, decision, origin), decision.Outcomes, origin, now, decision.Rejection);
            var saved = await store.SaveAsync(write, cancellationToken);
            switch (saved.Outcome)
            {
                case SaveOutcome.Saved:
                    var status = decision.IsRejected ? ApplyStatus.Rejected : decision.IsNoOp ? ApplyStatus.NoChange : ApplyStatus.Applied;
                    if (decision.Rejection is { } rejection)
                    {
                        LogRejected(key, rejection.Code, rejection.Reason);
                    }

                    return new ApplyResult(status, next, decision.Commands, decision.Outcomes, unpublished + decision.Outcomes.Length, wakeUp, decision.Rejection, saved.Saga, stored);
                case SaveOutcome.Duplicate:
                    // The same event was applied before (a redelivery, or a concurrent delivery that committed first):
                    // the marker insert failed, so only now is the marker read. If the saga refused the event then,
                    // this delivery is refused too, so that it is dead-lettered, not completed. A marker of another
                    // saga or event type means the publisher reused the id: refused, never taken for a duplicate.
                    var applied = await store.FindAppliedAsync(key.Msn, origin!.Source, origin.EventId, cancellationToken);
                    if (applied?.ReuseBy(key, origin.Type) is { } reused)
                    {
                        LogRejected(key, reused.Code, reused.Reason);
                        return new ApplyResult(ApplyStatus.Rejected, state, [], [], unpublished, stored?.NextWakeUpAt, reused);
                    }

                    if (applied?.RefusalForRedelivery is { } refused)
                    {
                        LogRejected(key, refused.Code, refused.Reason);
                        return new ApplyResult(ApplyStatus.Rejected, state, [], [], unpublished, stored?.NextWakeUpAt, refused);
                    }

                    LogDuplicate(key, origin.EventId, origin.Source);
                    // The transaction failed on the marker, after the saga row's ETag check passed: the row read is current.
                    return new ApplyResult(ApplyStatus.Duplicate, state, [], [], unpublished, stored?.NextWakeUpAt, null, stored);
                default:
                    LogConflict(key, attempt);
                    break;
            }
        }

        throw new SagaConcurrencyException(key, attempts);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Saga {SagaKey} refused an input: {Code}: {Reason}")]
    private partial void LogRejected(SagaKey sagaKey, string code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Saga {SagaKey}: event {EventId} from {Source} was already applied")]
    private partial void LogDuplicate(SagaKey sagaKey, string eventId, string source);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saga {SagaKey}: another writer changed the row (attempt {Attempt}); deciding again")]
    private partial void LogConflict(SagaKey sagaKey, int attempt);
}
