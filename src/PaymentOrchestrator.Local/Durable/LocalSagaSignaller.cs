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

    /// <summary>The signaller of <see cref="SagaResumption"/>: a Pending instance is restarted (see <see cref="TaskHubOrchestrationClient"/>).</summary>
    internal ISagaSignaller ForResumption() => new Resuming(new SagaOrchestrationSignaller(new TaskHubOrchestrationClient(engine.Client, replacePending: true)), clock);

    public Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken) =>
        _signaller.SignalAsync(clock.ToEngine(progress), cancellationToken);

    private sealed class Resuming(SagaOrchestrationSignaller signaller, EngineClock clock) : ISagaSignaller
    {
        public Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken) =>
            signaller.SignalAsync(clock.ToEngine(progress), cancellationToken);
    }
}
