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
/// Hands the agreement's initial charge to a charge saga of its own (key: MSN + the charge id Vipps gave it), so that a
/// reserved one is captured or cancelled, and a charged one refunded, like any charge. The one command no Vipps call
/// answers: the step applies <see cref="InitialChargeAdopted"/> to that saga, with this command's key as the event id
/// (so a repeat is a duplicate there), and starts its orchestration; the answer is <see cref="InitialChargeHandedOver"/>.
/// </summary>
/// <param name="Charge">The initial charge as that saga's request: due the day the agreement was seen active, no retry days.</param>
public sealed record HandOverInitialCharge(SagaKey Saga, IdempotencyKey Key, ChargeRequested Charge) : VippsCommand(Saga, Key)
{
    public override string Operation => "initial-charge";

    public override bool IsModification => false;
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
