using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>
/// The local host's <see cref="ISagaSignaller"/>: the one hand-off rule (<see cref="SagaOrchestrationSignaller"/>) over
/// the engine's <c>TaskHubClient</c> (<see cref="DurableEngine.Handoff"/>, which a step's hand-over uses too). A signal only wakes the orchestration, so no time in it needs converting; the
/// wake-ups the orchestration waits on leave its activity in engine time (<see cref="EngineClock"/>).
/// </summary>
public sealed class LocalSagaSignaller(DurableEngine engine) : ISagaSignaller
{
    /// <summary>The signaller of the wake-up sweep (<see cref="DurableEngine.Resumption"/>).</summary>
    internal ISagaSignaller ForResumption() => engine.Resumption;

    public Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken) =>
        engine.Handoff.SignalAsync(progress, cancellationToken);
}
