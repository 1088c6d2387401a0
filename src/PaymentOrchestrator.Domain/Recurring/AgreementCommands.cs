using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary><c>POST /recurring/v3/agreements</c> with the pricing, interval, product, URLs and optional initial charge.</summary>
public sealed record DraftAgreement(SagaKey Saga, IdempotencyKey Key, AgreementRequested Draft) : VippsCommand(Saga, Key)
{
    public override string Operation => "draft";

    public override bool IsModification => true;
}

/// <summary><c>GET /recurring/v3/agreements/{agreementId}</c>.</summary>
public sealed record GetAgreement(SagaKey Saga, IdempotencyKey Key, string AgreementId) : VippsCommand(Saga, Key)
{
    public override string Operation => "get";

    public override bool IsModification => false;
}

/// <summary><c>PATCH /recurring/v3/agreements/{agreementId}</c> with <c>{"status":"STOPPED"}</c> alone.</summary>
public sealed record StopAgreement(SagaKey Saga, IdempotencyKey Key, string AgreementId) : VippsCommand(Saga, Key)
{
    public override string Operation => "stop";

    public override bool IsModification => true;
}
