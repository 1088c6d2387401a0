using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>The webshop's payment request was accepted; CreatePayment follows.</summary>
public sealed record PaymentRequestAccepted(PaymentRequested Request, DateTimeOffset At) : SagaEvent;

/// <summary>Vipps created the payment; the customer has the window from <paramref name="At"/>.</summary>
public sealed record PaymentCreationConfirmed(string? RedirectUrl, DateTimeOffset At) : SagaEvent;

/// <summary>A read-back (poll, webhook) showed this state and aggregate.</summary>
public sealed record PaymentStateObserved(VippsPaymentState State, PaymentAggregate Aggregate, DateTimeOffset At) : SagaEvent;

/// <summary>The webshop was warned that this capture deadline is near.</summary>
public sealed record CaptureDeadlineWarned(CaptureDeadlineKind Kind, DateTimeOffset Deadline) : SagaEvent;

/// <summary>
/// Vipps had already captured <paramref name="Amount"/> when it first reported the payment AUTHORIZED: a DirectCapture
/// sales unit's payment, captured at authorization with no capture call of ours.
/// </summary>
public sealed record PaymentCapturedDirectly(Money Amount, DateTimeOffset At) : SagaEvent;
