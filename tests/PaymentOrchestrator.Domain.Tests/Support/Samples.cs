using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Tests.Support;

public static class Samples
{
    public static readonly Msn SalesUnit = Msn.Create("123456").Value;

    public static readonly PaymentReference Reference = PaymentReference.Create("order-10001").Value;

    public static readonly SubscriptionId Subscription = SubscriptionId.Create("sub-42").Value;

    public static readonly ChargeId Charge = ChargeId.Create("order-20001").Value;

    public static SagaKey PaymentKey => SagaKey.Payment(SalesUnit, Reference);

    public static SagaKey AgreementKey => SagaKey.Agreement(SalesUnit, Subscription);

    public static SagaKey ChargeKey => SagaKey.Charge(SalesUnit, Charge);

    public static Money Nok(long minorUnits) => new(minorUnits, Currency.NOK);

    public static PaymentRequested PaymentRequested(Money? amount = null) => new(
        SalesUnit,
        Reference,
        amount ?? Nok(10_000),
        UserFlow.WebRedirect,
        "https://shop.example/return",
        null,
        "Order 10001",
        PaymentMethodType.Wallet);

    public static PaymentCaptureRequested Capture(string captureId, long amount, Currency currency = Currency.NOK) =>
        new(SalesUnit, Reference, captureId, new Money(amount, currency));

    public static PaymentRefundRequested Refund(string refundId, long amount) =>
        new(SalesUnit, Reference, refundId, Nok(amount), "Returned goods", "finance@shop.example");

    public static PaymentCancelRequested Cancel() => new(SalesUnit, Reference);

    public static PaymentAggregate Aggregate(long authorized, long captured = 0, long refunded = 0, long cancelled = 0) =>
        new(Nok(authorized), Nok(captured), Nok(refunded), Nok(cancelled));

    public static VippsProblem Problem(int? status = 500, string? code = null) =>
        new(status, code, status is null ? "Timeout" : "Vipps said no", "detail", "https://developer.vippsmobilepay.com/docs/errors", "trace-1");

    public static AgreementRequested AgreementRequested() => new(
        SalesUnit,
        Subscription,
        new AgreementPricing(PricingType.Legacy, Currency.NOK, 29_900, null),
        new AgreementInterval(IntervalUnit.Month, 1),
        "Coffee subscription",
        null,
        "https://shop.example/agreement",
        "https://shop.example/redirect",
        null,
        null);

    public static ChargeRequested ChargeRequested(DateOnly? due = null, ChargeTransactionType type = ChargeTransactionType.DirectCapture) => new(
        SalesUnit,
        Charge,
        "agr_5kSeqz",
        Subscription,
        Nok(29_900),
        "March coffee",
        due ?? new DateOnly(2026, 3, 10),
        3,
        type);
}
