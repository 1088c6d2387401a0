using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// What a trigger does with one incoming message after <see cref="SagaHandoff"/>: dead-letter it with the reason, or
/// hand the saga's progress to its orchestration (start it, or signal the running one) and complete the message.
/// </summary>
public abstract record HandoffResult;

/// <summary>Refused by the intake or by the saga: dead-letter with <see cref="Code"/> as the reason. Nothing was called.</summary>
public sealed record HandoffRejected(string Code, string Message) : HandoffResult;

/// <summary>
/// Saved in the saga row; the orchestration must now run <see cref="Progress"/>. <see cref="Duplicate"/>: the event
/// was applied before, or it repeats what the saga already has (a capture or refund id sent again with the same
/// content under a new event id), so it changed nothing.
/// </summary>
public sealed record HandoffReady(SagaKey Key, SagaProgress Progress, bool Duplicate) : HandoffResult;
