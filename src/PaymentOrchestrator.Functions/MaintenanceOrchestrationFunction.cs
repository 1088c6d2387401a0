using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using PaymentOrchestrator.Durable;

namespace PaymentOrchestrator.Functions;

/// <summary>The maintenance orchestration as a Functions orchestrator; its body is the shared <see cref="MaintenanceOrchestration"/>.</summary>
public static class MaintenanceOrchestrationFunction
{
    [Function(SagaOrchestrationNames.MaintenanceOrchestrator)]
    public static Task RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) => MaintenanceOrchestration.RunAsync(context);
}
