using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Durable;

/// <summary>
/// The hand-off rule of every host, written once: signal the saga's live orchestration, or start one under its
/// deterministic id when the saga needs it. The start refuses to replace a live instance (dedupe statuses); losing that
/// race to another trigger means raising the event instead.
/// </summary>
public sealed class SagaOrchestrationSignaller(ISagaOrchestrationClient client) : ISagaSignaller
{
    public async Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var instanceId = SagaInstanceIds.For(progress.Key);
        var payload = SagaHostingJson.Write(progress);
        if (await client.IsLiveAsync(instanceId, cancellationToken))
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
