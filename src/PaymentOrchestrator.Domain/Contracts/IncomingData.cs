using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>
/// The typed, validated <c>data</c> of an incoming CloudEvent. It is also the input its saga decides on.
/// Orchestration uses <see cref="SagaKey"/> (its MSN) and <see cref="Currency"/> for the checks that need the
/// sales-unit registry: MSN registered, active and bound to the event's source; currency matches the market.
/// </summary>
public abstract record IncomingData : SagaInput
{
    public abstract SagaKey SagaKey { get; }

    /// <summary>The currency this request moves money in, or null if it names no amount.</summary>
    public abstract Currency? Currency { get; }
}
