using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Domain.Recurring;

public sealed record ChargeRequestAccepted(ChargeRequested Request, DateTimeOffset At) : SagaEvent;

/// <summary>Vipps created the charge (PENDING).</summary>
public sealed record ChargeCreationConfirmed(DateTimeOffset At) : SagaEvent;

/// <summary>
/// A read-back showed this status (a forward jump), with the summary and failure reason if given, and when Vipps last
/// captured (<see cref="ChargeRead.CapturedAt"/>; null when not given, and in events saved before it was kept).
/// </summary>
public sealed record ChargeStatusObserved(
    VippsChargeStatus Status,
    ChargeSummary? Summary,
    string? FailureReason,
    string? FailureDescription,
    DateTimeOffset At,
    DateTimeOffset? CapturedAt = null) : SagaEvent;
