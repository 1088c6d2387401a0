using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Durable;

/// <summary>
/// The hand-off rule of every host, written once: signal the saga's live orchestration, or start one under its
/// deterministic id when the saga needs it. Whether one is live is asked only when the saved-over row does not tell
/// (<see cref="SagaProgress.OrchestrationRuns"/>). The start refuses to replace a live instance (dedupe statuses); losing that
/// race to another trigger means raising the event instead.
/// </summary>
public sealed class SagaOrchestrationSignaller(ISagaOrchestrationClient client) : ISagaSignaller
{
    public async Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var instanceId = SagaInstanceIds.For(progress.Key);
        var payload = SagaHostingJson.Write(progress);
        if (progress.IsNew && progress.NeedsOrchestration)
        {
            // A saga created by this apply has no live orchestration to ask about; a start refused by its dedupe
            // statuses (an instance of a deleted row of the same key, still running) means raising instead.
            if (!await client.TryStartAsync(instanceId, payload, cancellationToken))
            {
                await client.RaiseAsync(instanceId, payload, cancellationToken);
            }

            return;
        }

        // The row the apply wrote over proves its orchestration runs (SagaProgress.RunsFor): one request, not two. Should
        // it have ended all the same, the event is discarded and the wake-up index's sweep signals the saga.
        if (progress.OrchestrationRuns || await client.IsLiveAsync(instanceId, cancellationToken))
        {
            await client.RaiseAsync(instanceId, payload, cancellationToken);
            return;
        }

        if (!progress.NeedsOrchestration)
        {
            return;
        }

        if (!await client.TryStartAsync(instanceId, payload, cancellationToken))
        {
            await client.RaiseAsync(instanceId, payload, cancellationToken);
        }
    }
}
