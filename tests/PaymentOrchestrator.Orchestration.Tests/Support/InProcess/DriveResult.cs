using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Tests.Support.InProcess;

/// <summary>
/// How a <see cref="SagaDriver.DriveAsync"/> ended: the first input's status (and rejection), the saga's final state,
/// when it wants to be woken next, and the outcome events published on the way.
/// </summary>
public sealed record DriveResult(
    ApplyStatus Status,
    Rejection? Rejection,
    ISagaState State,
    DateTimeOffset? NextWakeUpAt,
    IReadOnlyList<OutgoingEvent> Published,
    int CommandsExecuted);
