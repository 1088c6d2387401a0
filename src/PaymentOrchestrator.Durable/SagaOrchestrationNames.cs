namespace PaymentOrchestrator.Durable;

/// <summary>
/// The Durable names, in one place: the saga orchestrator, its one activity and the signal's event, and the maintenance
/// orchestrator with its activity and instance id. The
/// Functions host's sources are checked against these constants by a test, so a rename cannot silently break it.
/// </summary>
public static class SagaOrchestrationNames
{
    public const string SagaOrchestrator = "SagaOrchestrator";

    /// <summary>The one activity: advances a saga by one step (wake-up, command, result, outcomes).</summary>
    public const string AdvanceActivity = "AdvanceSaga";

    public const string InputEvent = "SagaInput";

    /// <summary>The eternal maintenance orchestration of both hosts: wake-up sweep, reconciliation, purge.</summary>
    public const string MaintenanceOrchestrator = "SagaMaintenance";

    /// <summary>Its one activity: one maintenance run.</summary>
    public const string MaintainActivity = "Maintain";

    /// <summary>The maintenance orchestration's fixed instance id: one per task hub, started idempotently.</summary>
    public const string MaintenanceInstanceId = "payment-orchestrator-maintenance";
}
