using Azure.Messaging.ServiceBus;

namespace PaymentOrchestrator.Testing.ServiceBus;

/// <summary>A sender to one <see cref="InMemoryEntity"/>.</summary>
internal sealed class InMemorySender(InMemoryEntity entity) : ServiceBusSender
{
    private bool _closed;

    public override string EntityPath => entity.Path;

    public override string FullyQualifiedNamespace => "in-memory.servicebus.test";

    public override bool IsClosed => _closed;

    public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_closed, this);
        cancellationToken.ThrowIfCancellationRequested();
        entity.Send(message);
        return Task.CompletedTask;
    }

    public override Task CloseAsync(CancellationToken cancellationToken = default)
    {
        _closed = true;
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync() => new(CloseAsync());
}
