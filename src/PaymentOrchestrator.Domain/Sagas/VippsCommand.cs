using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// A call the orchestrator will make to Vipps for a saga. Each carries its idempotency key, fixed when the command was
/// written into the outbox, so a logical operation is never issued with two different keys. The MSN is
/// <c>Saga.Msn</c> (the <c>Merchant-Serial-Number</c> header). One command calls no one:
/// <see cref="HandOverInitialCharge"/>, the hand-over of an agreement's initial charge to its own saga, which must
/// happen at least once with a stable key just like a call.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$command")]
[JsonDerivedType(typeof(CreatePayment), "CreatePayment")]
[JsonDerivedType(typeof(GetPayment), "GetPayment")]
[JsonDerivedType(typeof(CapturePayment), "CapturePayment")]
[JsonDerivedType(typeof(RefundPayment), "RefundPayment")]
[JsonDerivedType(typeof(CancelPayment), "CancelPayment")]
[JsonDerivedType(typeof(DraftAgreement), "DraftAgreement")]
[JsonDerivedType(typeof(GetAgreement), "GetAgreement")]
[JsonDerivedType(typeof(StopAgreement), "StopAgreement")]
[JsonDerivedType(typeof(CreateCharge), "CreateCharge")]
[JsonDerivedType(typeof(GetCharge), "GetCharge")]
[JsonDerivedType(typeof(CaptureCharge), "CaptureCharge")]
[JsonDerivedType(typeof(RefundCharge), "RefundCharge")]
[JsonDerivedType(typeof(CancelCharge), "CancelCharge")]
[JsonDerivedType(typeof(ReadPaymentCustomerDetails), "ReadPaymentCustomerDetails")]
[JsonDerivedType(typeof(ReadAgreementCustomerDetails), "ReadAgreementCustomerDetails")]
[JsonDerivedType(typeof(HandOverInitialCharge), "HandOverInitialCharge")]
public abstract record VippsCommand(SagaKey Saga, IdempotencyKey Key)
{
    /// <summary>The operation name used in the key, e.g. <c>capture</c>.</summary>
    [JsonIgnore]
    public abstract string Operation { get; }

    /// <summary>True for calls that move or release money (create, capture, refund, cancel, stop).</summary>
    [JsonIgnore]
    public abstract bool IsModification { get; }

    /// <summary>
    /// True for a call that steps aside for the saga's other calls (the customer-details read): a new call is queued
    /// ahead of it while it waits, and after a transient failure it goes to the back of the outbox. So it delays a
    /// capture by at most its one execution, and its failures never hold up money.
    /// </summary>
    [JsonIgnore]
    public virtual bool GivesWay => false;
}
