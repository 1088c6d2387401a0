using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary><c>POST /epayment/v1/payments</c>.</summary>
public sealed record CreatePayment(
    SagaKey Saga,
    IdempotencyKey Key,
    PaymentReference Reference,
    Money Amount,
    UserFlow UserFlow,
    PaymentMethodType PaymentMethod,
    string? ReturnUrl,
    string? CustomerPhoneNumber,
    string? PaymentDescription,
    ProfileScope? ProfileScope = null) : VippsCommand(Saga, Key)
{
    public override string Operation => "create";

    public override bool IsModification => true;
}

/// <summary><c>GET /epayment/v1/payments/{reference}</c> (the key is not sent; it only names the read).</summary>
public sealed record GetPayment(SagaKey Saga, IdempotencyKey Key, PaymentReference Reference) : VippsCommand(Saga, Key)
{
    public override string Operation => "get";

    public override bool IsModification => false;
}

/// <summary><c>POST /epayment/v1/payments/{reference}/capture</c> with <c>modificationAmount</c>.</summary>
public sealed record CapturePayment(
    SagaKey Saga,
    IdempotencyKey Key,
    PaymentReference Reference,
    Money Amount,
    string CaptureId) : VippsCommand(Saga, Key)
{
    public override string Operation => "capture";

    public override bool IsModification => true;
}

/// <summary><c>POST /epayment/v1/payments/{reference}/refund</c> with <c>modificationAmount</c>.</summary>
public sealed record RefundPayment(
    SagaKey Saga,
    IdempotencyKey Key,
    PaymentReference Reference,
    Money Amount,
    string RefundId) : VippsCommand(Saga, Key)
{
    public override string Operation => "refund";

    public override bool IsModification => true;
}

/// <summary><c>POST /epayment/v1/payments/{reference}/cancel</c>, no body: terminates, or releases the uncaptured rest.</summary>
public sealed record CancelPayment(SagaKey Saga, IdempotencyKey Key, PaymentReference Reference) : VippsCommand(Saga, Key)
{
    public override string Operation => "cancel";

    public override bool IsModification => true;
}

/// <summary>
/// Reads the customer's details for an authorized payment that asked for a profile scope: a GET of the payment for its
/// <c>profile.sub</c> (never stored), then Userinfo with that <c>sub</c> and the payment's MSN. Gives way to every
/// other call (<see cref="VippsCommand.GivesWay"/>).
/// </summary>
public sealed record ReadPaymentCustomerDetails(SagaKey Saga, IdempotencyKey Key, PaymentReference Reference) : VippsCommand(Saga, Key)
{
    public override string Operation => "userinfo";

    public override bool IsModification => false;

    public override bool GivesWay => true;
}
