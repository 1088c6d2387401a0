using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>CreatePayment answered 201 (or its replay). No redirect URL for PUSH_MESSAGE.</summary>
public sealed record PaymentCreated(IdempotencyKey Key, string? RedirectUrl) : CommandResult(Key);

/// <summary>GetPayment answered with the state and the aggregate.</summary>
public sealed record PaymentRead(IdempotencyKey Key, VippsPaymentState State, PaymentAggregate Aggregate) : CommandResult(Key);

/// <summary>CapturePayment succeeded; the modification response's aggregate.</summary>
public sealed record CaptureSucceeded(IdempotencyKey Key, PaymentAggregate Aggregate) : CommandResult(Key);

/// <summary>RefundPayment succeeded; the modification response's aggregate.</summary>
public sealed record RefundSucceeded(IdempotencyKey Key, PaymentAggregate Aggregate) : CommandResult(Key);

/// <summary>CancelPayment succeeded: TERMINATED before authorization, else AUTHORIZED with the rest cancelled.</summary>
public sealed record CancelSucceeded(IdempotencyKey Key, VippsPaymentState State, PaymentAggregate Aggregate)
    : CommandResult(Key);
