using Azure.Messaging.ServiceBus;

namespace PaymentOrchestrator.Testing.ServiceBus;

/// <summary>A peek-lock receiver of one <see cref="InMemoryEntity"/>; peeks continue where the last one ended, as Service Bus's do.</summary>
internal sealed class InMemoryReceiver(InMemoryEntity entity) : ServiceBusReceiver
{
    private long _nextPeek;
    private bool _closed;

    public override string EntityPath => entity.Path;

    public override string FullyQualifiedNamespace => "in-memory.servicebus.test";

    public override bool IsClosed => _closed;

    public override ServiceBusReceiveMode ReceiveMode => ServiceBusReceiveMode.PeekLock;

    public override Task<IReadOnlyList<ServiceBusReceivedMessage>> PeekMessagesAsync(
        int maxMessages, long? fromSequenceNumber = null, CancellationToken cancellationToken = default)
    {
        Check(cancellationToken);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var peeked = entity.Peek(maxMessages, fromSequenceNumber ?? _nextPeek);
        if (peeked.Count > 0)
        {
            _nextPeek = peeked[^1].SequenceNumber + 1;
        }

        return Task.FromResult(peeked);
    }

    /// <summary>Returns at once with what is there (Service Bus would wait up to <paramref name="maxWaitTime"/> for a first message).</summary>
    public override Task<IReadOnlyList<ServiceBusReceivedMessage>> ReceiveMessagesAsync(
        int maxMessages, TimeSpan? maxWaitTime = null, CancellationToken cancellationToken = default)
    {
        Check(cancellationToken);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        return Task.FromResult(entity.Receive(maxMessages));
    }

    public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Check(cancellationToken);
        entity.Complete(message.LockToken);
        return Task.CompletedTask;
    }

    public override Task AbandonMessageAsync(
        ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Check(cancellationToken);
        entity.Abandon(message.LockToken, propertiesToModify);
        return Task.CompletedTask;
    }

    public override Task CloseAsync(CancellationToken cancellationToken = default)
    {
        _closed = true;
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync() => new(CloseAsync());

    private void Check(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
