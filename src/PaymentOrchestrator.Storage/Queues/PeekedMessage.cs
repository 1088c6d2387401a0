namespace PaymentOrchestrator.Storage.Queues;

/// <summary>A message seen with <see cref="QueueClient.PeekMessagesAsync"/>: not locked, so it has no pop receipt.</summary>
public sealed record PeekedMessage
{
    /// <summary>The message id.</summary>
    public required string MessageId { get; init; }

    /// <summary>The body (decoded from base64 when it was sent by this client).</summary>
    public required BinaryData Body { get; init; }

    /// <summary>The body as UTF-8 text.</summary>
    public string MessageText => Body.ToString();

    /// <summary>How often the message was received so far.</summary>
    public long DequeueCount { get; init; }

    /// <summary>When the message was stored.</summary>
    public DateTimeOffset? InsertedOn { get; init; }

    /// <summary>When the message expires.</summary>
    public DateTimeOffset? ExpiresOn { get; init; }
}
