namespace PaymentOrchestrator.Local.Queues;

/// <summary>What a handler made of a message. Exceptions mean "try again later" (infrastructure failure).</summary>
public abstract record MessageOutcome
{
    public static MessageOutcome Complete { get; } = new Completed();

    public static MessageOutcome DeadLetter(string reason, string description) => new DeadLettered(reason, description);
}

/// <summary>Done (applied, duplicate or nothing to do): delete the message.</summary>
public sealed record Completed : MessageOutcome;

/// <summary>It can never succeed: move it to the poison queue with the reason.</summary>
public sealed record DeadLettered(string Reason, string Description) : MessageOutcome;
