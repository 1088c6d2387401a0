namespace PaymentOrchestrator.Storage.Queues;

/// <summary>
/// A received message, invisible to other receivers until <see cref="NextVisibleOn"/> (peek-lock). Delete it with
/// <see cref="MessageId"/> and <see cref="PopReceipt"/> once handled, or let it reappear.
/// </summary>
public sealed record QueueMessage
{
    /// <summary>The message id.</summary>
    public required string MessageId { get; init; }

    /// <summary>The receipt of this delivery (needed to delete or update).</summary>
    public required string PopReceipt { get; init; }

    /// <summary>The body (decoded from base64 when it was sent by this client).</summary>
    public required BinaryData Body { get; init; }

    /// <summary>The body as UTF-8 text.</summary>
    public string MessageText => Body.ToString();

    /// <summary>How often the message was received, this delivery included.</summary>
    public long DequeueCount { get; init; }

    /// <summary>When the message was stored.</summary>
    public DateTimeOffset? InsertedOn { get; init; }

    /// <summary>When the message expires.</summary>
    public DateTimeOffset? ExpiresOn { get; init; }

    /// <summary>When the message becomes visible again unless deleted.</summary>
    public DateTimeOffset? NextVisibleOn { get; init; }

    /// <summary>This message after an update: new pop receipt and visibility (as Azure.Storage.Queues' <c>Update</c>).</summary>
    public QueueMessage Update(UpdateReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return this with { PopReceipt = receipt.PopReceipt, NextVisibleOn = receipt.NextVisibleOn };
    }
}
