using PaymentOrchestrator.Orchestration.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Queues;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Local.Tests.Queues;

public sealed class QueueWorkerTests
{
    private static async Task<(QueueServiceClient Queues, QueueClient Work, QueueClient Poison)> QueuesAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var queues = new StorageClients(azurite.ConnectionString).Queues;
        var name = "work-" + Guid.NewGuid().ToString("N")[..12];
        await queues.GetQueueClient(name).CreateIfNotExistsAsync();
        await queues.GetQueueClient(QueueWorker.PoisonQueueName(name)).CreateIfNotExistsAsync();
        return (queues, queues.GetQueueClient(name), queues.GetQueueClient(QueueWorker.PoisonQueueName(name)));
    }

    private static QueueWorker Worker(QueueServiceClient queues, string name, IQueueMessageHandler handler, QueueSettings? settings = null) =>
        new(queues, name, 2, handler, settings ?? new QueueSettings
        {
            MaxDequeueCount = 2, RetryDelay = TimeSpan.FromMilliseconds(100), MaxIdleDelay = TimeSpan.FromMilliseconds(100),
            VisibilityTimeout = TimeSpan.FromSeconds(10),
        }, TimeProvider.System, NullLogger<QueueWorker>.Instance);

    private static async Task<PoisonMessage> PoisonedAsync(QueueClient poison)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await poison.PeekMessagesAsync(1)).Value.FirstOrDefault() is { } peeked)
            {
                return PoisonMessage.TryParse(peeked.Body)!;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("No poison message arrived.");
    }

    [Fact]
    public async Task a_message_whose_handler_keeps_failing_moves_to_poison_after_the_maximum_deliveries_with_the_last_error()
    {
        var (queues, work, poison) = await QueuesAsync();
        var handler = new Handler((Func<CancellationToken, MessageOutcome>)(_ => throw new InvalidOperationException("storage said no")));
        using var worker = Worker(queues, work.Name, handler);
        await work.SendMessageAsync("{\"hello\":1}");

        await worker.StartAsync(CancellationToken.None);
        var poisoned = await PoisonedAsync(poison);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal("MaxDequeueCountExceeded", poisoned.Reason);
        Assert.Contains("storage said no", poisoned.Description, StringComparison.Ordinal);
        Assert.Equal(2, poisoned.DequeueCount);
        Assert.Equal("{\"hello\":1}", poisoned.OriginalMessage);
        Assert.Equal(2, handler.Calls);
        Assert.Empty((await work.PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task a_dead_lettered_message_moves_to_poison_at_once_with_the_handlers_reason()
    {
        var (queues, work, poison) = await QueuesAsync();
        var handler = new Handler(_ => MessageOutcome.DeadLetter("UnknownSalesUnit", "data.msn: sales unit 4242 is not registered."));
        using var worker = Worker(queues, work.Name, handler);
        await work.SendMessageAsync("event");

        await worker.StartAsync(CancellationToken.None);
        var poisoned = await PoisonedAsync(poison);
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(("UnknownSalesUnit", "data.msn: sales unit 4242 is not registered.", work.Name), (poisoned.Reason, poisoned.Description, poisoned.Queue));
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task work_longer_than_the_visibility_timeout_is_renewed_and_not_handed_out_twice()
    {
        var (queues, work, _) = await QueuesAsync();
        var handler = new Handler(async ct =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            return MessageOutcome.Complete;
        });
        var settings = new QueueSettings { VisibilityTimeout = TimeSpan.FromSeconds(2), MaxIdleDelay = TimeSpan.FromMilliseconds(100) };
        using var worker = Worker(queues, work.Name, handler, settings);
        await work.SendMessageAsync("slow");

        await worker.StartAsync(CancellationToken.None);
        for (var i = 0; i < 200 && handler.Completed == 0; i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(1, handler.Calls);
        Assert.Empty((await work.PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task stopping_lets_the_message_in_flight_finish_and_completes_it()
    {
        var (queues, work, _) = await QueuesAsync();
        var started = new TaskCompletionSource();
        var handler = new Handler(async ct =>
        {
            started.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            return MessageOutcome.Complete;
        });
        using var worker = Worker(queues, work.Name, handler);
        await work.SendMessageAsync("in flight");

        await worker.StartAsync(CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(1, handler.Completed);
        Assert.Empty((await work.PeekMessagesAsync(1)).Value);
    }

    private sealed class Handler(Func<CancellationToken, Task<MessageOutcome>> handle) : IQueueMessageHandler
    {
        private int _calls;
        private int _completed;

        public Handler(Func<CancellationToken, MessageOutcome> handle)
            : this(ct => Task.FromResult(handle(ct)))
        {
        }

        public int Calls => Volatile.Read(ref _calls);

        public int Completed => Volatile.Read(ref _completed);

        public async Task HandleAsync(QueueMessage message, IMessageSettler settler, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            var outcome = await handle(cancellationToken);
            Interlocked.Increment(ref _completed);
            await (outcome switch
            {
                DeadLettered dead => settler.DeadLetterAsync(dead.Reason, dead.Description, cancellationToken),
                _ => settler.CompleteAsync(cancellationToken),
            });
        }
    }
}
