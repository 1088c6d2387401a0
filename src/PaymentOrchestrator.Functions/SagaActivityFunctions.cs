using Microsoft.Azure.Functions.Worker;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// The Durable activities: strings in, strings out (<see cref="SagaHostingJson"/>), bodies in
/// <see cref="SagaActivities"/>. [ActivityTrigger] binds the input by type, here string (azure-functions-durable-extension
/// src/Worker.Extensions.DurableTask/ActivityTriggerAttribute.cs, ActivityInputConverter.cs); a CancellationToken
/// parameter is bound by the worker (azure-functions-dotnet-worker src/DotNetWorker.Core/Converters/CancellationTokenConverter.cs).
/// </summary>
public sealed class SagaActivityFunctions(SagaActivities activities)
{
    [Function(OrchestratorNames.Durable.ApplyActivity)]
    public Task<string> ApplyAsync([ActivityTrigger] string request, CancellationToken cancellationToken) =>
        activities.ApplyAsync(request, cancellationToken);

    [Function(OrchestratorNames.Durable.ExecuteActivity)]
    public Task<string> ExecuteAsync([ActivityTrigger] string command, CancellationToken cancellationToken) =>
        activities.ExecuteAsync(command, cancellationToken);

    [Function(HostingNames.PublishActivity)]
    public Task<int> PublishAsync([ActivityTrigger] string sagaKey, CancellationToken cancellationToken) =>
        activities.PublishAsync(sagaKey, cancellationToken);
}
