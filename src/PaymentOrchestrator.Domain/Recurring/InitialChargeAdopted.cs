using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>
/// The first input of an agreement's initial charge's saga, handed over by the agreement saga once Vipps shows the
/// agreement active (<see cref="HandOverInitialCharge"/>). Vipps created the charge with the agreement, so this saga
/// creates nothing: it reads the charge at once and goes on as any charge saga (reserved → capture or cancel; charged →
/// refund).
/// </summary>
public sealed record InitialChargeAdopted(ChargeRequested Charge) : SagaInput;
