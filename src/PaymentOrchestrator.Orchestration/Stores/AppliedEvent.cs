using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>An incoming event applied before; <paramref name="Rejection"/> is set when the saga refused it.</summary>
public sealed record AppliedEvent(Rejection? Rejection)
{
    /// <summary>
    /// What another delivery of a refused event is told: the same code, marked as refused before, so that every
    /// delivery of it is dead-lettered with its reason rather than completed as a duplicate. Null when it was applied.
    /// </summary>
    public Rejection? RefusalForRedelivery => Rejection is { } refused ? refused with { Reason = refused.Reason + " (refused when first delivered)" } : null;
}
