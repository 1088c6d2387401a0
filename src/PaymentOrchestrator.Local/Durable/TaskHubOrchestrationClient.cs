using DurableTask.Core;
using DurableTask.Core.Exceptions;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;

namespace PaymentOrchestrator.Local.Durable;

/// <summary><see cref="ISagaOrchestrationClient"/> over the Durable Task Framework's <see cref="TaskHubClient"/> (the local host).</summary>
/// <param name="client">The engine's client.</param>
/// <param name="replacePending">
/// Treat a Pending instance as ended, so that a start replaces it. Only for resuming at start: the backend writes the
/// instance row before it sends the start message, so a kill in between — or a killed Azurite that lost its last
/// queue writes — leaves an instance Pending forever, and events raised to it are discarded ("no such instance"). If the
/// start message does still exist, the backend discards it as a duplicate of the newer execution.
/// </param>
public sealed class TaskHubOrchestrationClient(TaskHubClient client, bool replacePending = false) : ISagaOrchestrationClient
{
    // ContinuedAsNew is live: the next execution of the same instance is about to run and receives raised events.
    private readonly OrchestrationStatus[] Live = replacePending
        ? [OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended]
        : [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended];

    // TaskHubClient.GetOrchestrationStateAsync(string instanceId): the latest execution's state, or null.
    public async Task<bool> IsLiveAsync(string instanceId, CancellationToken cancellationToken) =>
        await client.GetOrchestrationStateAsync(instanceId) is { } state && Live.Contains(state.OrchestrationStatus);

    // CreateOrchestrationInstanceAsync(name, version, instanceId, input, tags, dedupeStatuses): with the backend's
    // ThrowExceptionOnInvalidDedupeStatus (set by DurableEngine, as Durable Functions sets it) an instance in a listed
    // status makes the start throw OrchestrationAlreadyExistsException; without it the start is silently dropped.
    public async Task<bool> TryStartAsync(string instanceId, string input, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateOrchestrationInstanceAsync(SagaOrchestrationNames.SagaOrchestrator, string.Empty, instanceId, input, null, Live);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    // RaiseEventAsync(OrchestrationInstance, eventName, eventData): no execution id, so the latest execution gets it.
    public Task RaiseAsync(string instanceId, string payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, SagaOrchestrationNames.InputEvent, payload);
}
