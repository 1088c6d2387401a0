using Microsoft.Extensions.Options;
using PaymentOrchestrator.Orchestration.Stores;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Orchestration;

/// <summary>Creates the tables and queues the orchestrator uses (idempotent; run at host start).</summary>
public sealed class OrchestratorStorage(
    SagaStore sagas, SalesUnitStore salesUnits, QueueServiceClient queues, IOptions<PaymentOrchestratorOptions> options,
    Onboarding.OnboardingStore onboardings)
{
    public async Task EnsureCreatedAsync(IEnumerable<string>? extraQueues = null, CancellationToken cancellationToken = default)
    {
        await sagas.CreateTableIfNotExistsAsync(cancellationToken);
        await salesUnits.CreateTableIfNotExistsAsync(cancellationToken);
        await onboardings.CreateTableIfNotExistsAsync(cancellationToken);
        foreach (var queue in new[] { options.Value.PaymentEventsQueue }.Concat(extraQueues ?? []).Distinct(StringComparer.Ordinal))
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
