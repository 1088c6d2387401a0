namespace PaymentOrchestrator.Durable;

/// <summary>
/// The saga orchestration's Durable names, in one place: the orchestrator, its one activity and the signal's event. The
/// Functions host's sources are checked against these constants by a test, so a rename cannot silently break it.
/// </summary>
public static class SagaOrchestrationNames
{
    public const string SagaOrchestrator = "SagaOrchestrator";

    /// <summary>The one activity: advances a saga by one step (wake-up, command, result, outcomes).</summary>
    public const string AdvanceActivity = "AdvanceSaga";

    public const string InputEvent = "SagaInput";
}
