namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>Why a saga refused an input; the input changes nothing and the reason is recorded (dead letter, history).</summary>
/// <param name="Code">Stable, machine-readable, e.g. <c>capture-exceeds-remaining</c>.</param>
/// <param name="Reason">A sentence for people.</param>
public sealed record Rejection(string Code, string Reason);
