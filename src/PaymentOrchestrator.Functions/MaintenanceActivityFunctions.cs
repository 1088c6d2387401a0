using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Durable;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// The maintenance activity; its body is <see cref="MaintenanceActivities"/>. An activity may take a [DurableClient]
/// binding like any function: the sweep signals sagas and the purge runs through it.
/// </summary>
public sealed class MaintenanceActivityFunctions(MaintenanceActivities activities)
{
    [Function(SagaOrchestrationNames.MaintainActivity)]
    public Task<string> MaintainAsync([ActivityTrigger] string? state, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        activities.MaintainAsync(state, new DurableClientSagaSignaller(client),
            (createdBefore, token) => DurableClientPurge.FinishedCreatedBeforeAsync(client, createdBefore, token), cancellationToken);
}
