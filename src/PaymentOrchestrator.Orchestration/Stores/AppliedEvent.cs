using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>An incoming event applied before; <paramref name="Rejection"/> is set when the saga refused it.</summary>
public sealed record AppliedEvent(Rejection? Rejection);
