using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// The one Durable activity: a string in, a string out (<see cref="SagaHostingJson"/>), its body in
/// <see cref="SagaActivities"/>. [ActivityTrigger] binds the input by type, here string (azure-functions-durable-extension
/// src/Worker.Extensions.DurableTask/ActivityTriggerAttribute.cs, ActivityInputConverter.cs); a CancellationToken
/// parameter is bound by the worker (azure-functions-dotnet-worker src/DotNetWorker.Core/Converters/CancellationTokenConverter.cs).
/// Its [DurableClient] starts the saga an agreement hands its initial charge to, by the one hand-off rule.
/// </summary>
public sealed class SagaActivityFunctions(SagaActivities activities)
{
    [Function(SagaOrchestrationNames.AdvanceActivity)]
    public Task<string> AdvanceAsync([ActivityTrigger] string sagaKey, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        activities.AdvanceAsync(sagaKey, new DurableClientSagaSignaller(client), cancellationToken);
}
