using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>A fact a decider concluded; <c>Evolve</c> folds facts into state. Stored in the timeline as they are.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$event")]
[JsonDerivedType(typeof(CommandQueued), "CommandQueued")]
[JsonDerivedType(typeof(CommandIssued), "CommandIssued")]
[JsonDerivedType(typeof(CommandRetryScheduled), "CommandRetryScheduled")]
[JsonDerivedType(typeof(CommandCompleted), "CommandCompleted")]
[JsonDerivedType(typeof(CommandSetAside), "CommandSetAside")]
[JsonDerivedType(typeof(CustomerDetailsSent), "CustomerDetailsSent")]
[JsonDerivedType(typeof(PollScheduled), "PollScheduled")]
[JsonDerivedType(typeof(NeedsAttentionRaised), "NeedsAttentionRaised")]
[JsonDerivedType(typeof(CaptureAccepted), "CaptureAccepted")]
[JsonDerivedType(typeof(CaptureConfirmed), "CaptureConfirmed")]
[JsonDerivedType(typeof(RefundAccepted), "RefundAccepted")]
[JsonDerivedType(typeof(RefundConfirmed), "RefundConfirmed")]
[JsonDerivedType(typeof(CancelAccepted), "CancelAccepted")]
[JsonDerivedType(typeof(CancelConfirmed), "CancelConfirmed")]
[JsonDerivedType(typeof(PaymentRequestAccepted), "PaymentRequestAccepted")]
[JsonDerivedType(typeof(PaymentCreationConfirmed), "PaymentCreationConfirmed")]
[JsonDerivedType(typeof(PaymentStateObserved), "PaymentStateObserved")]
[JsonDerivedType(typeof(CaptureDeadlineWarned), "CaptureDeadlineWarned")]
[JsonDerivedType(typeof(PaymentCapturedDirectly), "PaymentCapturedDirectly")]
[JsonDerivedType(typeof(AgreementRequestAccepted), "AgreementRequestAccepted")]
[JsonDerivedType(typeof(AgreementDraftConfirmed), "AgreementDraftConfirmed")]
[JsonDerivedType(typeof(AgreementStatusObserved), "AgreementStatusObserved")]
[JsonDerivedType(typeof(AgreementStopAccepted), "AgreementStopAccepted")]
[JsonDerivedType(typeof(ChargeRequestAccepted), "ChargeRequestAccepted")]
[JsonDerivedType(typeof(ChargeCreationConfirmed), "ChargeCreationConfirmed")]
[JsonDerivedType(typeof(ChargeStatusObserved), "ChargeStatusObserved")]
public abstract record SagaEvent;

/// <summary>A command was written into the outbox (its key is fixed from now on).</summary>
public sealed record CommandQueued(VippsCommand Command, DateTimeOffset DueAt) : SagaEvent;

/// <summary>The outbox head was handed out for execution (again, after a timeout or backoff).</summary>
public sealed record CommandIssued(IdempotencyKey Key, DateTimeOffset At) : SagaEvent;

/// <summary>The head failed transiently; it waits until <paramref name="DueAt"/> and keeps its key.</summary>
public sealed record CommandRetryScheduled(IdempotencyKey Key, int Failures, DateTimeOffset DueAt, VippsProblem Problem)
    : SagaEvent;

/// <summary>
/// The head, a call that gives way (<see cref="VippsCommand.GivesWay"/>), failed transiently: it goes to the back of
/// the outbox, waits until <paramref name="DueAt"/> and keeps its key.
/// </summary>
public sealed record CommandSetAside(IdempotencyKey Key, int Failures, DateTimeOffset DueAt, VippsProblem Problem)
    : SagaEvent;

/// <summary>
/// The customer's details were read and handed to the webshop in their outcome: only the names of the claims are
/// recorded, never a value (nor the customer's <c>sub</c>).
/// </summary>
public sealed record CustomerDetailsSent(System.Collections.Immutable.ImmutableArray<string> Claims) : SagaEvent;

/// <summary>The head's result arrived; it leaves the outbox.</summary>
public sealed record CommandCompleted(IdempotencyKey Key) : SagaEvent;

/// <summary>The next read-back is due at <paramref name="At"/> (null: no polling); <paramref name="PollCount"/> reads so far.</summary>
public sealed record PollScheduled(DateTimeOffset? At, int PollCount) : SagaEvent;

/// <summary>The saga stopped and needs a person; pending commands are dropped, the problem is kept.</summary>
public sealed record NeedsAttentionRaised(string Reason, VippsProblem? Problem, VippsCommand? Command, DateTimeOffset At)
    : SagaEvent;

public sealed record CaptureAccepted(CaptureRecord Capture) : SagaEvent;

/// <summary>A capture succeeded; ePayment returns the new aggregate, Recurring does not (null).</summary>
public sealed record CaptureConfirmed(string CaptureId, PaymentAggregate? Aggregate) : SagaEvent;

public sealed record RefundAccepted(RefundRecord Refund) : SagaEvent;

public sealed record RefundConfirmed(string RefundId, PaymentAggregate? Aggregate) : SagaEvent;

public sealed record CancelAccepted(CancelRecord Cancel) : SagaEvent;

/// <summary>A cancel succeeded; for ePayment with the state and aggregate Vipps returned.</summary>
public sealed record CancelConfirmed(VippsPaymentState? State, PaymentAggregate? Aggregate) : SagaEvent;
