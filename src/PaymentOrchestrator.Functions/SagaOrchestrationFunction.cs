using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;

namespace PaymentOrchestrator.Functions;

/// <summary>The saga orchestration as a Functions orchestrator; its body is the shared <see cref="SagaOrchestration"/>.</summary>
public static class SagaOrchestrationFunction
{
    // [OrchestrationTrigger] binds TaskOrchestrationContext (azure-functions-durable-extension
    // src/Worker.Extensions.DurableTask/OrchestrationTriggerAttribute.cs; analyzer rule DURABLE1001).
    [Function(SagaOrchestrationNames.SagaOrchestrator)]
    public static Task RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) => SagaOrchestration.RunAsync(context);
}
