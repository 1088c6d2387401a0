using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;

namespace PaymentOrchestrator.Testing.ServiceBus;

/// <summary>
/// A Service Bus namespace in memory, behind the real <see cref="ServiceBusClient"/> type (its protected constructor is
/// there for mocking; its Create* methods are virtual). It does what the Functions app's ServiceBusDeadLetters and
/// ServiceBusOutcomePublisher use, the way Service Bus does it: send appends (and, as every queue here has duplicate
/// detection, drops a message id the queue has seen); peek reads without locking, from where the receiver's last peek
/// ended; receive locks (peek-lock), a locked message is not received again until it is abandoned, and completing it
/// removes it. Stricter than Service Bus in two ways: locks never expire, and the duplicate-detection window never ends.
/// Anything else (sessions, receive-and-delete, scheduling, transactions) throws or is not overridden.
/// SDK: azure-sdk-for-net sdk/servicebus/Azure.Messaging.ServiceBus/api/Azure.Messaging.ServiceBus.net8.0.cs;
/// dead letters carry their reason in the application properties DeadLetterReason / DeadLetterErrorDescription
/// (AmqpMessageConstants), at <c>{queue}/$DeadLetterQueue</c> (EntityNameFormatter.FormatDeadLetterPath).
/// </summary>
public sealed class InMemoryServiceBus(TimeProvider? time = null) : ServiceBusClient
{
    private readonly ConcurrentDictionary<string, InMemoryEntity> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private bool _closed;

    public override string FullyQualifiedNamespace => "in-memory.servicebus.test";

    public override bool IsClosed => _closed;

    /// <summary>The path of a queue's dead-letter sub-queue.</summary>
    public static string DeadLetterPath(string queue) => queue + "/$DeadLetterQueue";

    public override ServiceBusReceiver CreateReceiver(string queueName) => CreateReceiver(queueName, new ServiceBusReceiverOptions());

    public override ServiceBusReceiver CreateReceiver(string queueName, ServiceBusReceiverOptions options)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        options ??= new ServiceBusReceiverOptions();
        if (options.ReceiveMode != ServiceBusReceiveMode.PeekLock)
        {
            throw new NotSupportedException("Only peek-lock receivers are in memory.");
        }

        var path = options.SubQueue switch
        {
            SubQueue.None => queueName,
            SubQueue.DeadLetter => DeadLetterPath(queueName),
            _ => throw new NotSupportedException($"Sub-queue {options.SubQueue} is not in memory."),
        };
        return new InMemoryReceiver(Entity(path));
    }

    public override ServiceBusSender CreateSender(string queueOrTopicName)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        ArgumentException.ThrowIfNullOrEmpty(queueOrTopicName);
        if (queueOrTopicName.Contains("/$", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Service Bus does not send to a sub-queue: '{queueOrTopicName}'.", nameof(queueOrTopicName));
        }

        return new InMemorySender(Entity(queueOrTopicName));
    }

    public override ServiceBusSender CreateSender(string queueOrTopicName, ServiceBusSenderOptions options) => CreateSender(queueOrTopicName);

    public override ValueTask DisposeAsync()
    {
        _closed = true;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Puts a message on <paramref name="queue"/>'s dead letters as a trigger that dead-lettered it leaves it: sent to
    /// the queue once (its id is in the queue's duplicate detection), delivered once, moved with its reason and
    /// description. Returns its message id.
    /// </summary>
    public string DeadLetter(string queue, BinaryData body, string reason, string description, string? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var id = messageId ?? Guid.NewGuid().ToString("N");
        Entity(queue).Remember(id);
        Entity(DeadLetterPath(queue)).Add(
            new ServiceBusMessage(body)
            {
                MessageId = id,
                ApplicationProperties = { ["DeadLetterReason"] = reason, ["DeadLetterErrorDescription"] = description },
            },
            _time.GetUtcNow(),
            deliveryCount: 1);
        return id;
    }

    /// <summary>What <paramref name="queue"/> holds now, oldest first (as a peek sees it: locked ones too).</summary>
    public IReadOnlyList<ServiceBusReceivedMessage> Messages(string queue) => Entity(queue).Peek(int.MaxValue, 0);

    /// <summary>What <paramref name="queue"/>'s dead-letter sub-queue holds now, oldest first.</summary>
    public IReadOnlyList<ServiceBusReceivedMessage> DeadLetters(string queue) => Messages(DeadLetterPath(queue));

    private InMemoryEntity Entity(string path) => _entities.GetOrAdd(path, p => new InMemoryEntity(p, _time));
}
