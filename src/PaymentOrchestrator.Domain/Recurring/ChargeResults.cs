using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>CreateCharge answered <c>{chargeId}</c> (the orderId we sent).</summary>
public sealed record ChargeCreated(IdempotencyKey Key) : CommandResult(Key);

/// <summary>
/// GetCharge answered with the status, summary and (for FAILED) the failure reason. <paramref name="CapturedAt"/> is
/// when Vipps' history last shows a successful capture (null when it shows none): the time a charge Vipps captured on
/// its own is settled by, which can be days before we read it.
/// </summary>
public sealed record ChargeRead(
    IdempotencyKey Key,
    VippsChargeStatus Status,
    ChargeSummary? Summary,
    string? FailureReason,
    string? FailureDescription,
    DateTimeOffset? CapturedAt = null) : CommandResult(Key);

public sealed record ChargeCaptureSucceeded(IdempotencyKey Key) : CommandResult(Key);

public sealed record ChargeRefundSucceeded(IdempotencyKey Key) : CommandResult(Key);

public sealed record ChargeCancelSucceeded(IdempotencyKey Key) : CommandResult(Key);
