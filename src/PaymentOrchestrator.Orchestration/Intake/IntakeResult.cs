using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Orchestration.Intake;

/// <summary>What the intake made of a message: apply it, drop it as a duplicate, or dead-letter it with the reason.</summary>
public abstract record IntakeResult;

/// <summary>Valid, authorized and not seen before: apply it to its saga.</summary>
public sealed record IntakeAccepted(IncomingEvent Event) : IntakeResult;

/// <summary>Already applied (same source and id): complete the message, change nothing.</summary>
public sealed record IntakeDuplicate(IncomingEvent Event) : IntakeResult;

/// <summary>
/// Refused: dead-letter the message with <see cref="Code"/> as the reason and <see cref="Message"/> as the description.
/// Nothing was called and nothing changed.
/// </summary>
public sealed record IntakeRejected(string Code, string Message) : IntakeResult;
