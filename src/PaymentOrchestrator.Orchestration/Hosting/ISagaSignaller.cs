namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// Hands a saga's progress to the engine that runs its orchestration, after an input was applied to the saga row
/// (<see cref="SagaHandoff"/>): signal the live orchestration, or start one when the saga needs it. Each host supplies
/// one — the Functions host over its Durable client binding, the local host over its own Durable worker — and every
/// trigger (queue message, webhook, refund request) goes through it, so there is one hand-off.
/// </summary>
public interface ISagaSignaller
{
    /// <summary>Signals or starts the orchestration of <see cref="SagaProgress.Key"/>. Infrastructure failures throw.</summary>
    Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken);
}
