using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>Agreement price: LEGACY has a fixed <c>Amount</c>, VARIABLE a <c>SuggestedMaxAmount</c>.</summary>
public sealed record AgreementPricing(PricingType Type, Currency Currency, long? Amount, long? SuggestedMaxAmount);

/// <summary>Every <c>Count</c> (1–31) <c>Unit</c>s.</summary>
public sealed record AgreementInterval(IntervalUnit Unit, int Count);

/// <summary>A charge taken when the customer accepts the agreement.</summary>
public sealed record InitialCharge(Money Amount, string Description, ChargeTransactionType TransactionType);

/// <summary><c>agreement.requested.v1</c>: draft an agreement for the webshop's subscription.</summary>
public sealed record AgreementRequested(
    Msn Msn,
    SubscriptionId SubscriptionId,
    AgreementPricing Pricing,
    AgreementInterval Interval,
    string ProductName,
    string? ProductDescription,
    string MerchantAgreementUrl,
    string MerchantRedirectUrl,
    string? CustomerPhoneNumber,
    InitialCharge? InitialCharge,
    ProfileScope? ProfileScope = null) : IncomingData
{
    public override SagaKey SagaKey => SagaKey.Agreement(Msn, SubscriptionId);

    public override Currency? Currency => Pricing.Currency;
}

/// <summary><c>agreement.stop-requested.v1</c>: stop the subscription's agreement (irreversible).</summary>
public sealed record AgreementStopRequested(Msn Msn, SubscriptionId SubscriptionId) : IncomingData
{
    public override SagaKey SagaKey => SagaKey.Agreement(Msn, SubscriptionId);

    public override Currency? Currency => null;
}

/// <summary>
/// <c>charge.requested.v1</c>: charge an active agreement. <c>AgreementId</c> is Vipps' id, published to the webshop
/// in <c>agreement.pending.v1</c> / <c>agreement.activated.v1</c>; the charge id is the webshop's orderId.
/// </summary>
public sealed record ChargeRequested(
    Msn Msn,
    ChargeId ChargeId,
    string AgreementId,
    SubscriptionId? SubscriptionId,
    Money Amount,
    string Description,
    DateOnly Due,
    int RetryDays,
    ChargeTransactionType TransactionType) : IncomingData
{
    public override SagaKey SagaKey => SagaKey.Charge(Msn, ChargeId);

    public override Currency? Currency => Amount.Currency;
}

/// <summary><c>charge.capture-requested.v1</c>: capture (part of) a RESERVED charge.</summary>
public sealed record ChargeCaptureRequested(Msn Msn, ChargeId ChargeId, string CaptureId, Money Amount, string? Description)
    : IncomingData
{
    public override SagaKey SagaKey => SagaKey.Charge(Msn, ChargeId);

    public override Currency? Currency => Amount.Currency;
}

/// <summary><c>charge.refund-requested.v1</c>: refund (part of) a charged amount.</summary>
public sealed record ChargeRefundRequested(
    Msn Msn,
    ChargeId ChargeId,
    string RefundId,
    Money Amount,
    string Reason,
    string RequestedBy,
    string? Description) : IncomingData
{
    public override SagaKey SagaKey => SagaKey.Charge(Msn, ChargeId);

    public override Currency? Currency => Amount.Currency;
}

/// <summary><c>charge.cancel-requested.v1</c>: cancel a charge that is not charged yet (or release a reservation).</summary>
public sealed record ChargeCancelRequested(Msn Msn, ChargeId ChargeId) : IncomingData
{
    public override SagaKey SagaKey => SagaKey.Charge(Msn, ChargeId);

    public override Currency? Currency => null;
}
