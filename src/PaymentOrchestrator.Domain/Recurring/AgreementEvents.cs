using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Domain.Recurring;

public sealed record AgreementRequestAccepted(AgreementRequested Request, DateTimeOffset At) : SagaEvent;

/// <summary>Vipps drafted the agreement: PENDING until the customer confirms at the URL.</summary>
public sealed record AgreementDraftConfirmed(string AgreementId, string ConfirmationUrl, string? InitialChargeId, DateTimeOffset At)
    : SagaEvent;

public sealed record AgreementStatusObserved(VippsAgreementStatus Status, DateTimeOffset At) : SagaEvent;

public sealed record AgreementStopAccepted(DateTimeOffset At) : SagaEvent;
