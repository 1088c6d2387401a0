using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Orchestration.Tests.Support.InProcess;

/// <summary>
/// What became of one incoming message. A host completes the message for <see cref="ProcessApplied"/> and
/// <see cref="ProcessDuplicate"/>, and dead-letters it with <see cref="ProcessRejected.Code"/> as the reason for
/// <see cref="ProcessRejected"/>: every message is applied or dead-lettered with its reason.
/// </summary>
public abstract record ProcessResult;

public sealed record ProcessApplied(IncomingEvent Event, DriveResult Drive) : ProcessResult;

public sealed record ProcessDuplicate(IncomingEvent Event) : ProcessResult;

/// <summary>Refused by the intake (bad or unauthorized input) or by the saga (e.g. a capture above the remaining amount).</summary>
public sealed record ProcessRejected(string Code, string Message) : ProcessResult;
