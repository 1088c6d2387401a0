using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Orchestration;

namespace PaymentOrchestrator.Durable;

/// <summary><see cref="ISagaOrchestrationClient"/> over a <see cref="DurableTaskClient"/> (the Functions host's [DurableClient] binding).</summary>
public sealed class DurableTaskClientOrchestrationClient(DurableTaskClient client) : ISagaOrchestrationClient
{
    // DurableTaskClient.GetInstanceAsync(string, bool, CancellationToken); OrchestrationMetadata.RuntimeStatus
    // (durabletask-dotnet src/Client/Core/DurableTaskClient.cs, OrchestrationMetadata.cs, OrchestrationRuntimeStatus.cs).
    public async Task<bool> IsLiveAsync(string instanceId, CancellationToken cancellationToken) =>
        (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken))?.RuntimeStatus
            is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    // StartOrchestrationOptions(InstanceId) (src/Abstractions/TaskOptions.cs) + WithDedupeStatuses
    // (src/Client/Core/StartOrchestrationOptionsExtensions.cs): an instance in a listed status is not replaced, the
    // start throws OrchestrationAlreadyExistsException (src/Client/Grpc/GrpcDurableTaskClient.cs maps gRPC
    // AlreadyExists to DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException). Completed, Failed and
    // Terminated instances are replaced by the new start.
    public async Task<bool> TryStartAsync(string instanceId, string input, CancellationToken cancellationToken)
    {
        var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(
            OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(SagaOrchestrationNames.SagaOrchestrator, input, options, cancellationToken);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    // DurableTaskClient.RaiseEventAsync(string instanceId, string eventName, object? eventPayload, CancellationToken)
    // (src/Client/Core/DurableTaskClient.cs). The payload is a JSON string, so Durable's serializer only quotes it.
    public Task RaiseAsync(string instanceId, string payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(instanceId, SagaOrchestrationNames.InputEvent, payload, cancellationToken);
}
