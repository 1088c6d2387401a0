using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>DraftAgreement answered <c>{agreementId, vippsConfirmationUrl, chargeId?}</c>.</summary>
public sealed record AgreementDrafted(IdempotencyKey Key, string AgreementId, string ConfirmationUrl, string? InitialChargeId)
    : CommandResult(Key);

/// <summary>GetAgreement answered with the status.</summary>
public sealed record AgreementRead(IdempotencyKey Key, VippsAgreementStatus Status) : CommandResult(Key);

/// <summary>
/// <see cref="HandOverInitialCharge"/> done: the initial charge's saga has it (new, or a repeat of this hand-over), or
/// refused it with <paramref name="Refusal"/> (a charge saga of that id already holds another charge).
/// </summary>
public sealed record InitialChargeHandedOver(IdempotencyKey Key, string? Refusal) : CommandResult(Key);

/// <summary>StopAgreement (PATCH <c>{"status":"STOPPED"}</c>) succeeded.</summary>
public sealed record AgreementStopSucceeded(IdempotencyKey Key) : CommandResult(Key);
