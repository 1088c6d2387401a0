using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// The trigger side of the Functions host, host-neutral. An incoming event is taken in (parse, validate, authorize)
/// and applied to its saga row <em>before</em> the message is completed, exactly as the local host does, so:
/// a refused event is dead-lettered with its reason (intake or saga refusal alike), and an accepted one is durable
/// before anything else happens. The orchestration is then only the saga's pump — it executes what the apply handed
/// out and keeps the timers — so a signal lost in a Durable edge case delays a saga but never loses an input.
/// </summary>
public sealed class SagaHandoff(EventIntake intake, SagaRunner runner, SagaStore store)
{
    /// <summary>
    /// Takes in one message body. Infrastructure failures throw (the message is redelivered). <paramref name="keyName"/>
    /// is the authenticated API key's name when the HTTP API hands the event in (recorded with a refund it asks for).
    /// </summary>
    public async Task<HandoffResult> AcceptAsync(
        ReadOnlyMemory<byte> body, IReadOnlySet<string>? allowedTypes = null, string? keyName = null, CancellationToken cancellationToken = default)
    {
        switch (await intake.AcceptAsync(body, allowedTypes, cancellationToken))
        {
            case IntakeRejected rejected:
                return new HandoffRejected(rejected.Code, rejected.Message);
            case IntakeAccepted { Event: var incoming }:
                var origin = new EventOrigin(incoming.Envelope.Id, incoming.Source, incoming.Envelope.Type, keyName);
                var applied = await runner.ApplyAsync(incoming.SagaKey, incoming.Data, origin, cancellationToken);
                return applied.Status switch
                {
                    ApplyStatus.Rejected => new HandoffRejected(
                        applied.Rejection?.Code ?? "Rejected", applied.Rejection?.Reason ?? "The saga refused the event."),
                    // Applied before (a redelivery after a crash between save and signal): make sure its orchestration runs.
                    // The save that found the marker passed the row's ETag check, so the row it started from is current.
                    ApplyStatus.Duplicate => await ResumeAsync(incoming.SagaKey, applied.Saga, cancellationToken),
                    // A new event that asks for nothing new (the same refund id and content again) is a repeat too.
                    _ => new HandoffReady(incoming.SagaKey, SagaProgress.From(incoming.SagaKey, applied), Duplicate: applied.Status == ApplyStatus.NoChange),
                };
            default:
                throw new InvalidOperationException("Unknown intake result.");
        }
    }

    /// <summary>
    /// Applies a signal that is not an incoming event (a verified webhook) to an existing saga. Null when the saga
    /// does not exist.
    /// </summary>
    public async Task<HandoffReady?> SignalAsync(SagaKey key, Domain.Sagas.SagaInput input, CancellationToken cancellationToken = default)
    {
        if (await store.LoadAsync(key, cancellationToken) is not { } stored)
        {
            return null;
        }

        // The apply starts from the row just read (its ETag guards the write), so a webhook costs one read, not two.
        var applied = await runner.ApplyAsync(key, input, null, stored, cancellationToken);
        // A signal that changed nothing (a read already queued) needs no orchestration turn.
        return new HandoffReady(key, SagaProgress.From(key, applied), Duplicate: applied.Status == ApplyStatus.NoChange);
    }

    private async Task<HandoffReady> ResumeAsync(SagaKey key, StoredSaga? current, CancellationToken cancellationToken) =>
        new(key, SagaProgress.Resume(key, current ?? await store.LoadAsync(key, cancellationToken)), Duplicate: true);
}
