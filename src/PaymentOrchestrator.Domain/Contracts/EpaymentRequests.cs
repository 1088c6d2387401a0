using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary><c>payment.requested.v1</c>: the webshop places an order and wants a payment for it (and, with a
/// <see cref="ProfileScope"/>, asks Vipps for the customer's consent to share those details).</summary>
public sealed record PaymentRequested(
    Msn Msn,
    PaymentReference Reference,
    Money Amount,
    UserFlow UserFlow,
    string? ReturnUrl,
    string? CustomerPhoneNumber,
    string? PaymentDescription,
    PaymentMethodType PaymentMethod,
    ProfileScope? ProfileScope = null) : IncomingData
{
    public override SagaKey SagaKey => SagaKey.Payment(Msn, Reference);

    public override Currency? Currency => Amount.Currency;

    /// <summary>
    /// Not on the wire: the intake sets it when the sales unit's stored capabilities say <c>captureType: DirectCapture</c>,
    /// so Vipps captures the payment when the customer authorizes. Recorded with the request, so replays decide alike.
    /// </summary>
    public bool SalesUnitCapturesDirectly { get; init; }
}

/// <summary><c>payment.capture-requested.v1</c>: capture (part of) the authorized amount, keyed by the webshop's capture id.</summary>
public sealed record PaymentCaptureRequested(Msn Msn, PaymentReference Reference, string CaptureId, Money Amount)
    : IncomingData
{
    public override SagaKey SagaKey => SagaKey.Payment(Msn, Reference);

    public override Currency? Currency => Amount.Currency;
}

/// <summary><c>payment.cancel-requested.v1</c>: before authorization it terminates; after, it releases the rest.</summary>
public sealed record PaymentCancelRequested(Msn Msn, PaymentReference Reference) : IncomingData
{
    public override SagaKey SagaKey => SagaKey.Payment(Msn, Reference);

    public override Currency? Currency => null;
}

/// <summary><c>payment.refund-requested.v1</c>: finance refunds (part of) the captured amount.</summary>
public sealed record PaymentRefundRequested(
    Msn Msn,
    PaymentReference Reference,
    string RefundId,
    Money Amount,
    string Reason,
    string RequestedBy) : IncomingData
{
    public override SagaKey SagaKey => SagaKey.Payment(Msn, Reference);

    public override Currency? Currency => Amount.Currency;
}
