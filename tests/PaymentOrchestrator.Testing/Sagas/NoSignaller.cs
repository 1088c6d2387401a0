using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Testing.Sagas;

/// <summary>A hand-off that signals nothing: for tests that drive a saga's steps themselves.</summary>
public sealed class NoSignaller : ISagaSignaller
{
    public Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken) => Task.CompletedTask;
}
