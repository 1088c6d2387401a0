using Microsoft.DurableTask.Client;

namespace PaymentOrchestrator.Durable;

/// <summary>The maintenance activity's purge over a <see cref="DurableTaskClient"/> (the Functions host, the in-process test host).</summary>
public static class DurableClientPurge
{
    // PurgeAllInstancesAsync(PurgeInstancesFilter, CancellationToken) with PurgeInstancesFilter(CreatedFrom, CreatedTo,
    // Statuses) (durabletask-dotnet src/Client/Core/DurableTaskClient.cs, PurgeInstancesFilter.cs): only ended instances;
    // the maintenance instance itself is always Running. A saga's row is its truth, so its history is not needed once
    // its orchestration ended; a later input starts a new one.
    public static async Task<int> FinishedCreatedBeforeAsync(DurableTaskClient client, DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        // CreatedFrom is set although any start would do: a gRPC sidecar reads it without a null check (the in-process
        // test host's ProtobufUtils.ToPurgeInstanceFilter fails the call otherwise).
        var filter = new PurgeInstancesFilter(DateTimeOffset.UnixEpoch, createdBefore,
            [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]);
        return (await client.PurgeAllInstancesAsync(filter, cancellationToken)).PurgedInstanceCount;
    }
}
