using DurableTask.Core;
using DurableTask.Core.Exceptions;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;

namespace PaymentOrchestrator.Local.Durable;

/// <summary><see cref="ISagaOrchestrationClient"/> over the Durable Task Framework's <see cref="TaskHubClient"/> (the local host).</summary>
public sealed class TaskHubOrchestrationClient(TaskHubClient client) : ISagaOrchestrationClient
{
    // ContinuedAsNew is live: the next execution of the same instance is about to run and receives raised events.
    private static readonly OrchestrationStatus[] Live =
        [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended];

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
            await client.CreateOrchestrationInstanceAsync(OrchestratorNames.Durable.SagaOrchestrator, string.Empty, instanceId, input, null, Live);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    // RaiseEventAsync(OrchestrationInstance, eventName, eventData): no execution id, so the latest execution gets it.
    public Task RaiseAsync(string instanceId, string payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, OrchestratorNames.Durable.InputEvent, payload);
}
