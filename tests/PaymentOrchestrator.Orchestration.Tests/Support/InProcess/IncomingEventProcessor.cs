using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Tests.Support.InProcess;

/// <summary>
/// TEST-ONLY: one incoming message, start to finish, in-process (core-level tests, chaos suite, benchmarks; no host
/// runs it — hosts hand off through SagaHandoff): intake, then drive the saga as far as it goes now. Infrastructure failures throw so the message
/// is retried; bad input and refused operations come back as <see cref="ProcessRejected"/>.
/// </summary>
public sealed class IncomingEventProcessor(EventIntake intake, SagaDriver driver)
{
    public async Task<ProcessResult> ProcessAsync(
        ReadOnlyMemory<byte> body, IReadOnlySet<string>? allowedTypes = null, CancellationToken cancellationToken = default)
    {
        switch (await intake.AcceptAsync(body, allowedTypes, cancellationToken))
        {
            case IntakeRejected rejected:
                return new ProcessRejected(rejected.Code, rejected.Message);
            case IntakeDuplicate duplicate:
                return new ProcessDuplicate(duplicate.Event);
            case IntakeAccepted { Event: var incoming }:
                var origin = new EventOrigin(incoming.Envelope.Id, incoming.Source, incoming.Envelope.Type);
                var drive = await driver.DriveAsync(incoming.SagaKey, incoming.Data, origin, cancellationToken);
                return drive.Status switch
                {
                    ApplyStatus.Duplicate => new ProcessDuplicate(incoming),
                    ApplyStatus.Rejected => new ProcessRejected(drive.Rejection?.Code ?? "Rejected", drive.Rejection?.Reason ?? "The saga refused the event."),
                    _ => new ProcessApplied(incoming, drive),
                };
            default:
                throw new InvalidOperationException("Unknown intake result.");
        }
    }
}
