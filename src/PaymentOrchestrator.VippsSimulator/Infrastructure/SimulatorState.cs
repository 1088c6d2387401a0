namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

/// <summary>
/// The one lock around all payment, agreement and charge state. Each request does check-idempotency, validate,
/// mutate and store-answer under it, so concurrent retries of the same request cannot both apply.
/// </summary>
internal sealed class SimulatorState
{
    public Lock Gate { get; } = new();
}
