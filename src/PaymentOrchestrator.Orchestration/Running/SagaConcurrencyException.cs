using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Running;

/// <summary>The saga row kept changing under us; the input was not applied and should be retried later.</summary>
public sealed class SagaConcurrencyException(SagaKey key, int attempts)
    : Exception($"Saga {key} changed under {attempts} consecutive attempts to apply an input; it was not applied. Retry later.")
{
    public SagaKey Key { get; } = key;
}
