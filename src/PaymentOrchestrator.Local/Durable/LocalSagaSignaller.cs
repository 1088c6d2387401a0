using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>
/// The local host's <see cref="ISagaSignaller"/>: the one hand-off rule (<see cref="SagaOrchestrationSignaller"/>) over
/// the engine's <c>TaskHubClient</c>, with the saga's wake-up converted to engine time first (<see cref="EngineClock"/>).
/// </summary>
public sealed class LocalSagaSignaller(DurableEngine engine, EngineClock clock) : ISagaSignaller
{
    private readonly SagaOrchestrationSignaller _signaller = new(new TaskHubOrchestrationClient(engine.Client));

    public Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken) =>
        _signaller.SignalAsync(clock.ToEngine(progress), cancellationToken);
}
