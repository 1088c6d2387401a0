using System.Globalization;
using Azure.Core;
using PaymentOrchestrator.Storage.Connections;
using PaymentOrchestrator.Storage.Pipeline;

namespace PaymentOrchestrator.Storage.Queues;

/// <summary>
/// One queue, shaped like Azure.Storage.Queues' <c>QueueClient</c>: send (optionally delayed), receive with a visibility
/// timeout (peek-lock), update, delete by pop receipt, peek, count and clear. Message text travels as base64 of UTF-8.
/// Failures are <see cref="StorageRequestFailedException"/> (e.g. 400 <c>PopReceiptMismatch</c>, 404 <c>MessageNotFound</c>).
/// </summary>
public sealed class QueueClient
{
    /// <summary>Longest visibility timeout or delay the service accepts.</summary>
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    /// <summary>Most messages one receive or peek returns.</summary>
    public const int MaxMessagesPerReceive = 32;

    private readonly StoragePipeline _pipeline;

    /// <summary>From a connection string and a queue name.</summary>
    public QueueClient(string connectionString, string queueName, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), queueName, options)
    {
    }

    /// <summary>From a connection and a queue name.</summary>
    public QueueClient(StorageConnection connection, string queueName, StorageClientOptions? options = null)
        : this(new StoragePipeline(
            connection ?? throw new ArgumentNullException(nameof(connection)), connection.RequireQueueServiceUri(), StorageService.Queue, options), queueName)
    {
    }

    internal QueueClient(StoragePipeline pipeline, string queueName)
    {
        QueueNames.Validate(queueName);
        _pipeline = pipeline;
        Name = queueName;
    }

    /// <summary>The queue name.</summary>
    public string Name { get; }

    /// <summary>The queue's URI.</summary>
    public Uri Uri => _pipeline.BuildUri(Name);

    /// <summary>The account name, when known.</summary>
    public string? AccountName => _pipeline.AccountName;

    private string Resource => $"queue {Name}";

    /// <summary>Creates the queue; false when it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Name);
        var response = await _pipeline.SendAsync(message, "CreateQueue", Resource, cancellationToken);
        return response.Status switch
        {
            201 => true,
            204 => false,
            _ => throw StoragePipeline.Failure(response, "CreateQueue", Resource),
        };
    }

    /// <summary>Deletes the queue and its messages; false when it did not exist.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Name);
        var response = await _pipeline.SendAsync(message, "DeleteQueue", Resource, cancellationToken);
        return response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StoragePipeline.Failure(response, "DeleteQueue", Resource),
        };
    }

    /// <summary>Deletes the queue and its messages; a missing queue throws (404 <c>QueueNotFound</c>).</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Name);
        var response = await _pipeline.SendAsync(message, "DeleteQueue", Resource, cancellationToken);
        if (response.Status != 204)
        {
            throw StoragePipeline.Failure(response, "DeleteQueue", Resource);
        }
    }

    /// <summary>Sends a text message (UTF-8, base64 on the wire).</summary>
    /// <param name="messageText">The text.</param>
    /// <param name="visibilityTimeout">Delay before receivers see it: 0 to 7 days, and less than the time-to-live.</param>
    /// <param name="timeToLive">How long it lives: at least 1 s, or <see cref="Timeout.InfiniteTimeSpan"/> /
    /// <c>TimeSpan.FromSeconds(-1)</c> for never expiring; null for the service default (7 days).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<SendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        return SendMessageAsync(BinaryData.FromString(messageText), visibilityTimeout, timeToLive, cancellationToken);
    }

    /// <summary>Sends a binary message (base64 on the wire). See the text overload for the parameters.</summary>
    public async Task<SendReceipt> SendMessageAsync(
        BinaryData message, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var encoded = EncodeChecked(message);
        var delay = Seconds(visibilityTimeout ?? TimeSpan.Zero, TimeSpan.Zero, nameof(visibilityTimeout));
        long? ttl = null;
        if (timeToLive is { } t)
        {
            if (t == Timeout.InfiniteTimeSpan || t == TimeSpan.FromSeconds(-1))
            {
                ttl = -1;
            }
            else if (t < TimeSpan.FromSeconds(1))
            {
                throw new ArgumentOutOfRangeException(nameof(timeToLive), t,
                    "timeToLive must be at least 1 second, or Timeout.InfiniteTimeSpan for a message that never expires.");
            }
            else
            {
                ttl = (long)t.TotalSeconds;
                if (delay >= ttl)
                {
                    throw new ArgumentOutOfRangeException(nameof(visibilityTimeout), visibilityTimeout,
                        "visibilityTimeout must be shorter than timeToLive, or the message would expire before anyone sees it.");
                }
            }
        }

        using var request = _pipeline.CreateMessage(
            RequestMethod.Post, Name + "/messages",
            ("visibilitytimeout", delay.ToString(CultureInfo.InvariantCulture)),
            ("messagettl", ttl?.ToString(CultureInfo.InvariantCulture)));
        request.Request.Content = RequestContent.Create(QueueXml.MessageBody(encoded));
        var response = await _pipeline.SendAsync(request, "SendMessage", Resource, cancellationToken);
        if (response.Status != 201)
        {
            throw StoragePipeline.Failure(response, "SendMessage", Resource);
        }

        var m = QueueXml.Messages(response).FirstOrDefault()
                ?? throw new StorageRequestFailedException("SendMessage", Resource, 201, null, response.Headers.RequestId, "The response lists no message.");
        return new SendReceipt(
            QueueXml.Text(m, "MessageId"), QueueXml.ParseTime(QueueXml.Text(m, "InsertionTime")),
            QueueXml.ParseTime(QueueXml.Text(m, "ExpirationTime")), QueueXml.Text(m, "PopReceipt"),
            QueueXml.ParseTime(QueueXml.Text(m, "TimeNextVisible")));
    }

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> visible messages and hides them for
    /// <paramref name="visibilityTimeout"/>; each receive increments <see cref="QueueMessage.DequeueCount"/>.
    /// </summary>
    /// <param name="maxMessages">1 to 32; null for 1.</param>
    /// <param name="visibilityTimeout">1 s to 7 days; null for the service default (30 s).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The messages; empty when none is visible.</returns>
    public async Task<QueueMessage[]> ReceiveMessagesAsync(
        int? maxMessages = null, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var count = CheckCount(maxMessages, nameof(maxMessages));
        var lockSeconds = visibilityTimeout is { } v ? Seconds(v, TimeSpan.FromSeconds(1), nameof(visibilityTimeout)) : (long?)null;
        using var message = _pipeline.CreateMessage(
            RequestMethod.Get, Name + "/messages",
            ("numofmessages", count.ToString(CultureInfo.InvariantCulture)),
            ("visibilitytimeout", lockSeconds?.ToString(CultureInfo.InvariantCulture)));
        var response = await _pipeline.SendAsync(message, "ReceiveMessages", Resource, cancellationToken);
        if (response.Status != 200)
        {
            throw StoragePipeline.Failure(response, "ReceiveMessages", Resource);
        }

        return QueueXml.Messages(response).Select(m => new QueueMessage
        {
            MessageId = QueueXml.Text(m, "MessageId"),
            PopReceipt = QueueXml.Text(m, "PopReceipt"),
            Body = QueueXml.Decode(QueueXml.Text(m, "MessageText")),
            DequeueCount = QueueXml.DequeueCount(m),
            InsertedOn = QueueXml.Time(m, "InsertionTime"),
            ExpiresOn = QueueXml.Time(m, "ExpirationTime"),
            NextVisibleOn = QueueXml.Time(m, "TimeNextVisible"),
        }).ToArray();
    }

    /// <summary>Receives one message, or null when none is visible.</summary>
    public async Task<QueueMessage?> ReceiveMessageAsync(TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default) =>
        (await ReceiveMessagesAsync(1, visibilityTimeout, cancellationToken)).FirstOrDefault();

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without locking them.</summary>
    public async Task<PeekedMessage[]> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default)
    {
        var count = CheckCount(maxMessages, nameof(maxMessages));
        using var message = _pipeline.CreateMessage(
            RequestMethod.Get, Name + "/messages",
            ("peekonly", "true"), ("numofmessages", count.ToString(CultureInfo.InvariantCulture)));
        var response = await _pipeline.SendAsync(message, "PeekMessages", Resource, cancellationToken);
        if (response.Status != 200)
        {
            throw StoragePipeline.Failure(response, "PeekMessages", Resource);
        }

        return QueueXml.Messages(response).Select(m => new PeekedMessage
        {
            MessageId = QueueXml.Text(m, "MessageId"),
            Body = QueueXml.Decode(QueueXml.Text(m, "MessageText")),
            DequeueCount = QueueXml.DequeueCount(m),
            InsertedOn = QueueXml.Time(m, "InsertionTime"),
            ExpiresOn = QueueXml.Time(m, "ExpirationTime"),
        }).ToArray();
    }

    /// <summary>
    /// Changes a received message's visibility and optionally its text. Returns the new pop receipt (the old one stops
    /// working). A stale receipt throws 400 <c>PopReceiptMismatch</c>.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="popReceipt">The current pop receipt.</param>
    /// <param name="messageText">New text, or null to keep the body.</param>
    /// <param name="visibilityTimeout">From now until visible again: 0 (visible at once) to 7 days.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<UpdateReceipt> UpdateMessageAsync(
        string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var seconds = Seconds(visibilityTimeout, TimeSpan.Zero, nameof(visibilityTimeout));
        var resource = $"{Resource} message {messageId}";
        using var message = _pipeline.CreateMessage(
            RequestMethod.Put, Name + "/messages/" + Uri.EscapeDataString(messageId),
            ("popreceipt", popReceipt), ("visibilitytimeout", seconds.ToString(CultureInfo.InvariantCulture)));
        if (messageText is not null)
        {
            message.Request.Content = RequestContent.Create(QueueXml.MessageBody(EncodeChecked(BinaryData.FromString(messageText))));
        }

        var response = await _pipeline.SendAsync(message, "UpdateMessage", resource, cancellationToken);
        if (response.Status != 204)
        {
            throw StoragePipeline.Failure(response, "UpdateMessage", resource);
        }

        if (!response.Headers.TryGetValue("x-ms-popreceipt", out var receipt) ||
            !response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible))
        {
            throw new StorageRequestFailedException(
                "UpdateMessage", resource, 204, null, response.Headers.RequestId, "The response has no x-ms-popreceipt or x-ms-time-next-visible.");
        }

        return new UpdateReceipt(receipt, QueueXml.ParseTime(nextVisible));
    }

    /// <summary>Deletes a received message; a stale receipt throws 400 <c>PopReceiptMismatch</c>, a gone message 404.</summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var resource = $"{Resource} message {messageId}";
        using var message = _pipeline.CreateMessage(
            RequestMethod.Delete, Name + "/messages/" + Uri.EscapeDataString(messageId), ("popreceipt", popReceipt));
        var response = await _pipeline.SendAsync(message, "DeleteMessage", resource, cancellationToken);
        if (response.Status != 204)
        {
            throw StoragePipeline.Failure(response, "DeleteMessage", resource);
        }
    }

    /// <summary>Deletes all messages of the queue.</summary>
    public async Task ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Name + "/messages");
        var response = await _pipeline.SendAsync(message, "ClearMessages", Resource, cancellationToken);
        if (response.Status != 204)
        {
            throw StoragePipeline.Failure(response, "ClearMessages", Resource);
        }
    }

    /// <summary>The approximate message count and metadata.</summary>
    public async Task<QueueProperties> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, Name, ("comp", "metadata"));
        var response = await _pipeline.SendAsync(message, "GetQueueProperties", Resource, cancellationToken);
        if (response.Status != 200)
        {
            throw StoragePipeline.Failure(response, "GetQueueProperties", Resource);
        }

        response.Headers.TryGetValue("x-ms-approximate-messages-count", out var countText);
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
            }
        }

        return new QueueProperties(
            int.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0, metadata);
    }

    /// <summary>The queue name; never contains the key.</summary>
    public override string ToString() => $"QueueClient {{ Name = {Name}, Uri = {Uri} }}";

    private static string EncodeChecked(BinaryData message)
    {
        var encoded = QueueXml.Encode(message);
        if (encoded.Length > QueueXml.MaxEncodedMessageLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The message is {message.ToMemory().Length} bytes, {encoded.Length} characters as base64; queue messages may be at most {QueueXml.MaxEncodedMessageLength} characters encoded (48 KiB of data)."),
                nameof(message));
        }

        return encoded;
    }

    private static long Seconds(TimeSpan value, TimeSpan min, string name)
    {
        if (value < min || value > MaxVisibilityTimeout)
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min.TotalSeconds:0} s and 7 days."));
        }

        return (long)value.TotalSeconds;
    }

    private static int CheckCount(int? maxMessages, string name)
    {
        var count = maxMessages ?? 1;
        if (count is < 1 or > MaxMessagesPerReceive)
        {
            throw new ArgumentOutOfRangeException(name, maxMessages, "maxMessages must be between 1 and 32.");
        }

        return count;
    }
}
