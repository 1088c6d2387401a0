namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// Room in the work a queue's messages lead to (the Durable engine's activity slots, for the request queues). While
/// there is none, <see cref="QueueWorker"/> does not poll its queue when it is empty: a message that arrives meanwhile
/// could not have its saga's next step run sooner, and every poll is a storage request.
/// </summary>
public interface IWorkCapacity
{
    /// <summary>Completed while there is room; otherwise completes when room is made.</summary>
    Task Room { get; }
}
