using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary><c>POST /recurring/v3/agreements/{agreementId}/charges</c>; <c>orderId</c> = <see cref="ChargeId"/>, amount a plain integer.</summary>
public sealed record CreateCharge(
    SagaKey Saga,
    IdempotencyKey Key,
    string AgreementId,
    ChargeId ChargeId,
    Money Amount,
    string Description,
    DateOnly Due,
    int RetryDays,
    ChargeTransactionType TransactionType) : VippsCommand(Saga, Key)
{
    public override string Operation => "create";

    public override bool IsModification => true;
}

/// <summary><c>GET /recurring/v3/agreements/{agreementId}/charges/{chargeId}</c>.</summary>
public sealed record GetCharge(SagaKey Saga, IdempotencyKey Key, string AgreementId, ChargeId ChargeId) : VippsCommand(Saga, Key)
{
    public override string Operation => "get";

    public override bool IsModification => false;
}

/// <summary><c>POST …/charges/{chargeId}/capture</c> with <c>{amount, description}</c>.</summary>
public sealed record CaptureCharge(
    SagaKey Saga,
    IdempotencyKey Key,
    string AgreementId,
    ChargeId ChargeId,
    Money Amount,
    string Description,
    string CaptureId) : VippsCommand(Saga, Key)
{
    public override string Operation => "capture";

    public override bool IsModification => true;
}

/// <summary><c>POST …/charges/{chargeId}/refund</c> with <c>{amount, description}</c>.</summary>
public sealed record RefundCharge(
    SagaKey Saga,
    IdempotencyKey Key,
    string AgreementId,
    ChargeId ChargeId,
    Money Amount,
    string Description,
    string RefundId) : VippsCommand(Saga, Key)
{
    public override string Operation => "refund";

    public override bool IsModification => true;
}

/// <summary><c>DELETE /recurring/v3/agreements/{agreementId}/charges/{chargeId}</c>.</summary>
public sealed record CancelCharge(SagaKey Saga, IdempotencyKey Key, string AgreementId, ChargeId ChargeId) : VippsCommand(Saga, Key)
{
    public override string Operation => "cancel";

    public override bool IsModification => true;
}
