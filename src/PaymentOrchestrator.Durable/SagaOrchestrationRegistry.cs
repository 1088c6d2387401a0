using Microsoft.DurableTask;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Durable;

/// <summary>
/// The saga's orchestrator and its one activity on a <see cref="DurableTaskRegistry"/> (the in-process test host of the
/// Functions tests and of the API tests). The Functions app declares them by attribute ([OrchestrationTrigger],
/// [ActivityTrigger]) and the local host's Durable Task Framework worker by its own registry, so neither can call this;
/// all three run the same <see cref="SagaOrchestration.RunAsync"/> and <see cref="SagaActivities.AdvanceAsync"/>.
/// </summary>
public static class SagaOrchestrationRegistry
{
    /// <summary>
    /// Registers <see cref="SagaOrchestrationNames.SagaOrchestrator"/> and <see cref="SagaOrchestrationNames.AdvanceActivity"/>
    /// with <paramref name="advance"/> as the activity's body (a saga key in, a <see cref="SagaAdvance"/> out, as JSON).
    /// </summary>
    public static DurableTaskRegistry AddSagaOrchestration(this DurableTaskRegistry registry, Func<string, Task<string>> advance)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(advance);
        // Typed input and a lambda: the untyped form hands GetInput<string>() a JsonElement, and a method group
        // crashes the Durable analyzers (build-environment-notes.md).
        registry.AddOrchestratorFunc<string>(SagaOrchestrationNames.SagaOrchestrator, (context, _) => SagaOrchestration.RunAsync(context));
        registry.AddActivityFunc<string, string>(SagaOrchestrationNames.AdvanceActivity, (_, input) => advance(input!));
        return registry;
    }

    /// <summary>
    /// Registers <see cref="SagaOrchestrationNames.MaintenanceOrchestrator"/> and <see cref="SagaOrchestrationNames.MaintainActivity"/>
    /// with <paramref name="maintain"/> as the activity's body (a <see cref="Orchestration.Hosting.MaintenanceState"/> in,
    /// a <see cref="Orchestration.Hosting.MaintenanceReport"/> out, as JSON; the host binds its signaller and purge, see
    /// <see cref="MaintenanceActivities.MaintainAsync"/>).
    /// </summary>
    public static DurableTaskRegistry AddSagaMaintenance(this DurableTaskRegistry registry, Func<string?, Task<string>> maintain)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(maintain);
        registry.AddOrchestratorFunc<string>(SagaOrchestrationNames.MaintenanceOrchestrator, (context, _) => MaintenanceOrchestration.RunAsync(context));
        registry.AddActivityFunc<string, string>(SagaOrchestrationNames.MaintainActivity, (_, input) => maintain(input));
        return registry;
    }
}
