namespace PaymentOrchestrator.Durable;

/// <summary>
/// The three client calls the hand-off rule (<see cref="SagaOrchestrationSignaller"/>) needs, over either Durable client:
/// <see cref="DurableTaskClientOrchestrationClient"/> (Microsoft.DurableTask's <c>DurableTaskClient</c>: the Functions
/// binding, the in-process test host) and the local host's Durable Task Framework <c>TaskHubClient</c>. Inputs and event
/// payloads are JSON strings (<c>SagaHostingJson</c>), so neither client's serializer changes what the orchestration reads.
/// </summary>
public interface ISagaOrchestrationClient
{
    /// <summary>Whether the instance exists and is live (Pending, Running, Suspended): a raised event reaches it.</summary>
    Task<bool> IsLiveAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Starts <c>SagaOrchestrator</c> under <paramref name="instanceId"/> unless a live instance has that id (dedupe
    /// statuses); an ended one is replaced. False when a live instance exists.
    /// </summary>
    Task<bool> TryStartAsync(string instanceId, string input, CancellationToken cancellationToken);

    /// <summary>Raises <c>SagaInput</c> with <paramref name="payload"/> on the instance.</summary>
    Task RaiseAsync(string instanceId, string payload, CancellationToken cancellationToken);
}
