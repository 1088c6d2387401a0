using Azure.Messaging.ServiceBus;

namespace PaymentOrchestrator.Testing.ServiceBus;

/// <summary>One queue or sub-queue of <see cref="InMemoryServiceBus"/>: its messages in sequence order, their locks, the ids it has seen.</summary>
internal sealed class InMemoryEntity(string path, TimeProvider time)
{
    // The queues' lock duration (infra/app/servicebus.bicep); shown in LockedUntil, never enforced.
    private static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly List<Entry> _messages = [];
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    private long _lastSequence;

    public string Path { get; } = path;

    /// <summary>Sends: appends the message, unless its id was seen before (duplicate detection drops it silently).</summary>
    public void Send(ServiceBusMessage message)
    {
        lock (_gate)
        {
            var id = message.MessageId ?? Guid.NewGuid().ToString("N");
            if (_seenIds.Add(id))
            {
                Append(message, id, time.GetUtcNow(), deliveryCount: 0);
            }
        }
    }

    /// <summary>Records a message id as sent here (for duplicate detection) without keeping the message.</summary>
    public void Remember(string messageId)
    {
        lock (_gate)
        {
            _seenIds.Add(messageId);
        }
    }

    /// <summary>Appends a message as it is (a dead-lettered one: no duplicate detection on a dead-letter sub-queue).</summary>
    public void Add(ServiceBusMessage message, DateTimeOffset enqueuedTime, int deliveryCount)
    {
        lock (_gate)
        {
            Append(message, message.MessageId ?? Guid.NewGuid().ToString("N"), enqueuedTime, deliveryCount);
        }
    }

    /// <summary>Up to <paramref name="max"/> messages from sequence number <paramref name="fromSequence"/> on, locked or not; nothing changes.</summary>
    public IReadOnlyList<ServiceBusReceivedMessage> Peek(int max, long fromSequence)
    {
        lock (_gate)
        {
            return [.. _messages.Where(m => m.Sequence >= fromSequence).Take(max).Select(m => m.Snapshot(null))];
        }
    }

    /// <summary>Up to <paramref name="max"/> unlocked messages, now locked to the caller, each delivery counted.</summary>
    public IReadOnlyList<ServiceBusReceivedMessage> Receive(int max)
    {
        lock (_gate)
        {
            var lockedUntil = time.GetUtcNow() + LockDuration;
            var received = new List<ServiceBusReceivedMessage>();
            foreach (var entry in _messages.Where(m => m.LockToken is null).Take(max))
            {
                entry.LockToken = Guid.NewGuid();
                entry.DeliveryCount++;
                received.Add(entry.Snapshot(lockedUntil));
            }

            return received;
        }
    }

    /// <summary>Removes the message locked with <paramref name="lockToken"/>.</summary>
    public void Complete(string lockToken)
    {
        lock (_gate)
        {
            _messages.Remove(Locked(lockToken));
        }
    }

    /// <summary>Releases the lock: the message can be received again (with <paramref name="propertiesToModify"/> applied).</summary>
    public void Abandon(string lockToken, IDictionary<string, object>? propertiesToModify)
    {
        lock (_gate)
        {
            var entry = Locked(lockToken);
            foreach (var (name, value) in propertiesToModify ?? new Dictionary<string, object>())
            {
                entry.Properties[name] = value;
            }

            entry.LockToken = null;
        }
    }

    private void Append(ServiceBusMessage message, string id, DateTimeOffset enqueuedTime, int deliveryCount) =>
        _messages.Add(new Entry(++_lastSequence, message.Body, id, message.ContentType, message.Subject, message.CorrelationId,
            new Dictionary<string, object>(message.ApplicationProperties, StringComparer.Ordinal), enqueuedTime) { DeliveryCount = deliveryCount });

    // Settling with a token that holds no lock (settled already, or never received) is MessageLockLost in Service Bus.
    private Entry Locked(string lockToken) =>
        _messages.SingleOrDefault(m => m.LockToken is { } held && held.ToString() == lockToken)
        ?? throw new ServiceBusException($"No message of {Path} is locked with {lockToken}.", ServiceBusFailureReason.MessageLockLost, Path);

    private sealed class Entry(
        long sequence, BinaryData body, string messageId, string? contentType, string? subject, string? correlationId,
        Dictionary<string, object> properties, DateTimeOffset enqueuedTime)
    {
        public long Sequence { get; } = sequence;

        public Dictionary<string, object> Properties { get; } = properties;

        public int DeliveryCount { get; set; }

        public Guid? LockToken { get; set; }

        // ServiceBusModelFactory.ServiceBusReceivedMessage builds the SDK's received message; a peeked one has no lock.
        public ServiceBusReceivedMessage Snapshot(DateTimeOffset? lockedUntil) => ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: body,
            messageId: messageId,
            correlationId: correlationId,
            subject: subject,
            contentType: contentType,
            properties: new Dictionary<string, object>(Properties, StringComparer.Ordinal),
            lockTokenGuid: lockedUntil is null ? default : LockToken!.Value,
            deliveryCount: DeliveryCount,
            lockedUntil: lockedUntil ?? default,
            sequenceNumber: Sequence,
            enqueuedSequenceNumber: Sequence,
            enqueuedTime: enqueuedTime);
    }
}
