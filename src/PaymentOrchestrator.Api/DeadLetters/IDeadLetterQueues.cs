namespace PaymentOrchestrator.Api.DeadLetters;

/// <summary>
/// The host's work queues as the API sees them: their dead letters (listed and replayed for the console) and their
/// depths (for the health route). The local host's are Storage queues with <c>-poison</c> queues; the Functions app's
/// are Service Bus queues with their <c>$deadletterqueue</c> sub-queues.
/// </summary>
public interface IDeadLetterQueues
{
    /// <summary>The work queues whose dead letters may be listed and replayed (the <c>{queue}</c> of the replay route).</summary>
    IReadOnlyList<string> WorkQueues { get; }

    /// <summary>The first dead letters of each work queue (at most <see cref="PeekLimit"/> each).</summary>
    Task<IReadOnlyList<DeadLetterListing>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Sends the dead letters of <paramref name="workQueue"/> that <paramref name="select"/> picks back to it, unchanged; returns how many.</summary>
    Task<int> ReplayAsync(string workQueue, Func<DeadLetter, bool> select, CancellationToken cancellationToken);

    /// <summary>Approximate message counts per queue name, where the transport can tell (empty when it cannot).</summary>
    Task<IReadOnlyDictionary<string, int>> DepthsAsync(CancellationToken cancellationToken);

    /// <summary>How many dead letters of each queue <see cref="ListAsync"/> reads.</summary>
    int PeekLimit { get; }
}
