using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Durable;

/// <summary>
/// Hands a saga's progress to its orchestration through a <see cref="DurableTaskClient"/> (the Functions host's
/// [DurableClient] binding, the in-process test host's client): signal the live instance, or start one.
/// </summary>
public sealed class DurableClientSagaSignaller(DurableTaskClient client) : ISagaSignaller
{
    /// <summary>
    /// Signals the saga's orchestration when it is live (Pending, Running, Suspended), or starts it under its
    /// deterministic id when it is absent or ended and the saga needs one. The start refuses to replace a live
    /// instance (dedupe statuses); losing that race to another trigger means raising the event instead.
    /// </summary>
    public async Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken)
    {
        var instanceId = SagaInstanceIds.For(progress.Key);
        var payload = SagaHostingJson.Write(progress);

        // DurableTaskClient.GetInstanceAsync(string, bool, CancellationToken); OrchestrationMetadata.RuntimeStatus
        // (durabletask-dotnet src/Client/Core/DurableTaskClient.cs, OrchestrationMetadata.cs, OrchestrationRuntimeStatus.cs).
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (existing?.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
        {
            await RaiseAsync(instanceId, payload, cancellationToken);
            return;
        }

        if (!progress.NeedsOrchestration)
        {
            return;
        }

        // StartOrchestrationOptions(InstanceId) (src/Abstractions/TaskOptions.cs) + WithDedupeStatuses
        // (src/Client/Core/StartOrchestrationOptionsExtensions.cs): an instance in a listed status is not replaced, the
        // start throws OrchestrationAlreadyExistsException (src/Client/Grpc/GrpcDurableTaskClient.cs maps gRPC
        // AlreadyExists to DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException). Completed, Failed and
        // Terminated instances are replaced by the new start.
        var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(
            OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(OrchestratorNames.Durable.SagaOrchestrator, payload, options, cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            await RaiseAsync(instanceId, payload, cancellationToken);
        }
    }

    // DurableTaskClient.RaiseEventAsync(string instanceId, string eventName, object? eventPayload, CancellationToken)
    // (src/Client/Core/DurableTaskClient.cs). The payload is a JSON string, so Durable's serializer only quotes it.
    private Task RaiseAsync(string instanceId, string payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(instanceId, OrchestratorNames.Durable.InputEvent, payload, cancellationToken);
}
