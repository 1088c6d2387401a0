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

/// <summary>
/// Reads the customer's details for an active agreement that asked for a profile scope: a GET of the agreement for its
/// <c>sub</c> (never stored), then Userinfo with that <c>sub</c> and the agreement's MSN. Gives way to every other call
/// (<see cref="VippsCommand.GivesWay"/>).
/// </summary>
public sealed record ReadAgreementCustomerDetails(SagaKey Saga, IdempotencyKey Key, string AgreementId) : VippsCommand(Saga, Key)
{
    public override string Operation => "userinfo";

    public override bool IsModification => false;

    public override bool GivesWay => true;
}
