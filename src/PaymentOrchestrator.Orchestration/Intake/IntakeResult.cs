using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Orchestration.Intake;

/// <summary>What the intake made of a message: apply it, or dead-letter it with the reason.</summary>
public abstract record IntakeResult;

/// <summary>
/// Valid and authorized: apply it to its saga (whose save finds out whether the same source and id was applied before).
/// </summary>
public sealed record IntakeAccepted(IncomingEvent Event) : IntakeResult;

/// <summary>
/// Refused: dead-letter the message with <see cref="Code"/> as the reason and <see cref="Message"/> as the description.
/// Nothing was called and nothing changed.
/// </summary>
public sealed record IntakeRejected(string Code, string Message) : IntakeResult;
