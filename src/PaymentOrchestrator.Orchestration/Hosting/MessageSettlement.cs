using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Telemetry;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// Settles one received queue message: the transport's side of <see cref="MessageSettlement"/> (Service Bus
/// <c>ServiceBusMessageActions</c> in the Functions host; a test double here).
/// </summary>
public interface IMessageSettler
{
    /// <summary>Removes the message from the queue: it was handled.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Moves the message to the dead-letter queue with a reason (a stable code) and a description.</summary>
    Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken);
}

/// <summary>What happens to a message after <see cref="SagaHandoff"/>; a pure function of the handoff result.</summary>
public abstract record SettleDecision
{
    /// <summary>
    /// A refusal is dead-lettered with its code as the reason and its message as the description (never retried),
    /// except a "not now" (<see cref="OperationLimits.IsRetryable"/>), which is delivered again later; a ready saga
    /// is signalled, then its message completed.
    /// </summary>
    public static SettleDecision From(HandoffResult result) => result switch
    {
        HandoffRejected rejected when OperationLimits.IsRetryable(rejected.Code) => new SettleLater(rejected.Code, rejected.Message),
        HandoffRejected rejected => new SettleDeadLetter(
            string.IsNullOrWhiteSpace(rejected.Code) ? "Rejected" : rejected.Code,
            string.IsNullOrWhiteSpace(rejected.Message) ? "The event was refused." : rejected.Message),
        HandoffReady ready => new SettleComplete(ready.Progress),
        null => throw new ArgumentNullException(nameof(result)),
        _ => throw new ArgumentException($"Unknown handoff result {result.GetType().Name}.", nameof(result)),
    };
}

/// <summary>Dead-letter the message with <see cref="Reason"/> and <see cref="Description"/>; nothing is signalled.</summary>
public sealed record SettleDeadLetter(string Reason, string Description) : SettleDecision;

/// <summary>Hand <see cref="Progress"/> to the saga's orchestration, then complete the message.</summary>
public sealed record SettleComplete(SagaProgress Progress) : SettleDecision;

/// <summary>
/// Settle nothing: the saga cannot take the message now (<see cref="Reason"/>, e.g. too many operations in flight) but
/// may later. The settler has no "abandon", so this is carried out as a failure (<see cref="RetryLaterException"/>),
/// which every transport redelivers after its own backoff and dead-letters only after its delivery limit.
/// </summary>
public sealed record SettleLater(string Reason, string Description) : SettleDecision;

/// <summary>
/// The settle logic of the Functions host's Service Bus triggers, host-neutral: take the message in
/// (<see cref="SagaHandoff"/>), then dead-letter it with its reason, or signal the orchestration and complete it. The
/// message is completed only after the signal succeeded; a failure anywhere throws and settles nothing, so the
/// transport redelivers it (and dead-letters it itself after its maxDeliveryCount).
/// </summary>
public sealed class MessageSettlement(SagaHandoff handoff)
{
    /// <summary>Takes in and settles one message body; returns what was decided.</summary>
    public async Task<SettleDecision> HandleAsync(
        ReadOnlyMemory<byte> body,
        IReadOnlySet<string>? allowedTypes,
        IMessageSettler settler,
        Func<SagaProgress, CancellationToken, Task> signal,
        CancellationToken cancellationToken = default)
    {
        // The intake's span: the webshop's trace continues here (its traceparent), through the signal to the saga's
        // orchestration, whose Durable spans are its children.
        using var activity = OrchestratorTelemetry.StartIntake(body.Span);
        var decision = SettleDecision.From(await handoff.AcceptAsync(body, allowedTypes, cancellationToken: cancellationToken));
        await SettleAsync(decision, settler, signal, cancellationToken);
        return decision;
    }

    /// <summary>Carries out a decision: dead-letter, signal then complete, or throw to have the message delivered again.</summary>
    /// <exception cref="RetryLaterException">For <see cref="SettleLater"/>.</exception>
    public static async Task SettleAsync(
        SettleDecision decision,
        IMessageSettler settler,
        Func<SagaProgress, CancellationToken, Task> signal,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settler);
        ArgumentNullException.ThrowIfNull(signal);
        switch (decision)
        {
            case SettleDeadLetter deadLetter:
                await settler.DeadLetterAsync(deadLetter.Reason, deadLetter.Description, cancellationToken);
                OrchestratorTelemetry.DeadLetters.Add(1, new KeyValuePair<string, object?>("payment.dead_letter_reason", deadLetter.Reason));
                return;
            case SettleComplete complete:
                await signal(complete.Progress, cancellationToken);
                await settler.CompleteAsync(cancellationToken);
                return;
            case SettleLater later:
                throw new RetryLaterException(later.Reason, later.Description);
            default:
                throw new ArgumentException("Unknown settle decision.", nameof(decision));
        }
    }
}
