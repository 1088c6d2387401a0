using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>
/// The local host's <see cref="ISagaSignaller"/>: the one hand-off rule (<see cref="SagaOrchestrationSignaller"/>) over
/// the engine's <c>TaskHubClient</c>. A signal only wakes the orchestration, so no time in it needs converting; the
/// wake-ups the orchestration waits on leave its activity in engine time (<see cref="EngineClock"/>).
/// </summary>
public sealed class LocalSagaSignaller(DurableEngine engine) : ISagaSignaller
{
    private readonly SagaOrchestrationSignaller _signaller = new(new TaskHubOrchestrationClient(engine.Client));

    /// <summary>The signaller of the wake-up sweep (<see cref="DurableEngine.Resumption"/>).</summary>
    internal ISagaSignaller ForResumption() => engine.Resumption;

    public Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken) =>
        _signaller.SignalAsync(progress, cancellationToken);
}
