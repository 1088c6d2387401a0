using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Durable;

/// <summary>
/// Hands a saga's progress to its orchestration through a <see cref="DurableTaskClient"/> (the Functions host's
/// [DurableClient] binding, the in-process test host's client), by the one rule of <see cref="SagaOrchestrationSignaller"/>.
/// </summary>
public sealed class DurableClientSagaSignaller(DurableTaskClient client) : ISagaSignaller
{
    private readonly SagaOrchestrationSignaller _signaller = new(new DurableTaskClientOrchestrationClient(client));

    public Task SignalAsync(SagaProgress progress, CancellationToken cancellationToken) =>
        _signaller.SignalAsync(progress, cancellationToken);
}
