using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>How a handler settled a message. Exceptions mean "try again later" (infrastructure failure).</summary>
public abstract record MessageOutcome
{
    public static MessageOutcome Complete { get; } = new Completed();

    public static MessageOutcome DeadLetter(string reason, string description) => new DeadLettered(reason, description);
}

/// <summary>Done (applied, duplicate or nothing to do): delete the message.</summary>
public sealed record Completed : MessageOutcome;

/// <summary>It can never succeed: move it to the poison queue with the reason.</summary>
public sealed record DeadLettered(string Reason, string Description) : MessageOutcome;

/// <summary>
/// The <see cref="IMessageSettler"/> a <see cref="QueueWorker"/> hands its handler: it records the settlement, and the
/// worker carries it out once the handler returned and the message's visibility renewal stopped (delete, or the poison
/// queue with reason and description), with the message's current pop receipt.
/// </summary>
internal sealed class RecordedSettlement : IMessageSettler
{
    public MessageOutcome? Outcome { get; private set; }

    public Task CompleteAsync(CancellationToken cancellationToken)
    {
        Outcome = MessageOutcome.Complete;
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken)
    {
        Outcome = MessageOutcome.DeadLetter(reason, description);
        return Task.CompletedTask;
    }
}
