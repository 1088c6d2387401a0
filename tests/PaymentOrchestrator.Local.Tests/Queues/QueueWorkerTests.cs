using PaymentOrchestrator.Orchestration.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Durable;
using PaymentOrchestrator.Local.Queues;
using Azure.Core;
using Azure.Core.Pipeline;
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

    /// <summary>A new queue whose client counts its receives.</summary>
    private static async Task<(QueueServiceClient Queues, QueueClient Work, ReceiveCountingTransport Counting)> CountedQueueAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var counting = new ReceiveCountingTransport();
        var queues = new StorageClients(new StorageConnectionOptions { ConnectionString = azurite.ConnectionString }, transport: counting).Queues;
        var work = queues.GetQueueClient("work-" + Guid.NewGuid().ToString("N")[..12]);
        await work.CreateIfNotExistsAsync();
        return (queues, work, counting);
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

    [Fact]
    public async Task an_empty_queue_is_received_at_the_shortest_pause_until_idle_after_has_passed_then_backs_off()
    {
        var (queues, work, _) = await QueuesAsync();
        var clock = new SkippingClock();
        var settings = new QueueSettings { IdleAfter = TimeSpan.FromSeconds(2), MinIdleDelay = TimeSpan.FromMilliseconds(50), MaxIdleDelay = TimeSpan.FromSeconds(1), VisibilityTimeout = TimeSpan.FromHours(1) };
        using var worker = new QueueWorker(queues, work.Name, 2, new Handler(_ => MessageOutcome.Complete), settings, clock, NullLogger<QueueWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        var pauses = await clock.PausesAsync(50);
        await worker.StopAsync(CancellationToken.None);

        // 2 s of 50 ms pauses from the start, then 50 ms doubling to 1 s.
        Assert.All(pauses.Take(40), p => Assert.Equal(TimeSpan.FromMilliseconds(50), p));
        Assert.Equal([50, 100, 200, 400, 800, 1000, 1000], pauses.Skip(40).Take(7).Select(p => p.TotalMilliseconds));
    }

    [Fact]
    public async Task a_message_on_a_backed_off_queue_brings_back_the_shortest_pause_for_idle_after()
    {
        var (queues, work, _) = await QueuesAsync();
        var clock = new SkippingClock();
        var settings = new QueueSettings { IdleAfter = TimeSpan.FromSeconds(2), MinIdleDelay = TimeSpan.FromMilliseconds(50), MaxIdleDelay = TimeSpan.FromSeconds(1), VisibilityTimeout = TimeSpan.FromHours(1) };
        var handledAfter = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new Handler(_ =>
        {
            handledAfter.TrySetResult(clock.Count);
            return MessageOutcome.Complete;
        });
        using var worker = new QueueWorker(queues, work.Name, 2, handler, settings, clock, NullLogger<QueueWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(1), (await clock.PausesAsync(50))[^1]);
        await work.SendMessageAsync("after a quiet spell");
        var seen = await handledAfter.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var pauses = await clock.PausesAsync(seen + 20);
        await worker.StopAsync(CancellationToken.None);

        // The pauses chosen after the message was received: the shortest again (for the 2 s that follow it).
        Assert.All(pauses.Skip(seen).Take(20), p => Assert.Equal(TimeSpan.FromMilliseconds(50), p));
        Assert.Empty((await work.PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task a_receive_that_empties_the_queue_is_followed_by_the_shortest_pause_not_by_another_receive()
    {
        var (queues, work, counting) = await CountedQueueAsync();
        var name = work.Name;
        await work.SendMessageAsync("one");
        var clock = new SkippingClock();
        var settings = new QueueSettings { IdleAfter = TimeSpan.FromMinutes(10), MinIdleDelay = TimeSpan.FromMilliseconds(20), VisibilityTimeout = TimeSpan.FromHours(1) };
        var handler = new Handler(_ => MessageOutcome.Complete);
        using var worker = new QueueWorker(queues, name, 2, handler, settings, clock, NullLogger<QueueWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        await clock.PausesAsync(20);
        await worker.StopAsync(CancellationToken.None);
        var pauses = await clock.PausesAsync(0);

        // Every receive, the one that took the message included, is followed by a 20 ms pause: at most one receive more
        // than pauses (the one in flight when the worker stopped), where an immediate receive after the message made two.
        Assert.Equal(1, handler.Completed);
        Assert.All(pauses, p => Assert.Equal(TimeSpan.FromMilliseconds(20), p));
        Assert.InRange(counting.Receives, 1, pauses.Count + 1);
    }

    [Fact]
    public async Task an_empty_queue_is_not_polled_while_the_engine_has_no_room_and_its_message_is_taken_once_room_is_made()
    {
        var (queues, work, counting) = await CountedQueueAsync();
        var name = work.Name;
        var slots = new ActivitySlots(1);
        var running = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var activity = slots.RunAsync(() => running.Task);
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new Handler(_ =>
        {
            handled.TrySetResult();
            return MessageOutcome.Complete;
        });
        // The shortest pause throughout (20 ms), and a poll held back by the full engine waits up to a minute.
        var settings = new QueueSettings
        {
            IdleAfter = TimeSpan.FromMinutes(10), MinIdleDelay = TimeSpan.FromMilliseconds(20), MaxIdleDelay = TimeSpan.FromMinutes(1),
            VisibilityTimeout = TimeSpan.FromHours(1),
        };
        using var worker = new QueueWorker(queues, name, 2, handler, settings, TimeProvider.System, NullLogger<QueueWorker>.Instance, slots);

        await worker.StartAsync(CancellationToken.None);
        await counting.AnsweredAsync(1);
        await work.SendMessageAsync("arrives while the engine is full");
        await Task.Delay(500);
        var receivedWhileFull = counting.Receives;
        var handledWhileFull = handled.Task.IsCompleted;
        running.SetResult(1);
        await activity;
        await handled.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await worker.StopAsync(CancellationToken.None);

        // One receive (the first, which found the queue empty) in half a second at a 20 ms pace; the message taken when
        // the activity ended, long before the minute's longest wait.
        Assert.Equal(1, receivedWhileFull);
        Assert.False(handledWhileFull);
        Assert.Empty((await work.PeekMessagesAsync(1)).Value);
    }

    /// <summary>
    /// The worker's clock for these tests: a pause (a timer of a minute or less) fires after 1 ms of real time and moves
    /// the clock forward by its length, so idle seconds pass at once and the pauses the worker chose are kept in order.
    /// Longer timers (visibility renewals) never fire.
    /// </summary>
    private sealed class SkippingClock : TimeProvider
    {
        private readonly Lock _gate = new();
        private readonly List<TimeSpan> _pauses = [];
        private readonly List<(int Count, TaskCompletionSource<IReadOnlyList<TimeSpan>> Done)> _waiters = [];
        private DateTimeOffset _now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _pauses.Count;
                }
            }
        }

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate)
            {
                return _now;
            }
        }

        /// <summary>The pauses so far, once at least <paramref name="count"/> were chosen.</summary>
        public Task<IReadOnlyList<TimeSpan>> PausesAsync(int count)
        {
            var done = new TaskCompletionSource<IReadOnlyList<TimeSpan>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_pauses.Count >= count)
                {
                    return Task.FromResult<IReadOnlyList<TimeSpan>>([.. _pauses]);
                }

                _waiters.Add((count, done));
            }

            return done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.FromMinutes(1) || dueTime == Timeout.InfiniteTimeSpan)
            {
                return System.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            lock (_gate)
            {
                _pauses.Add(dueTime);
                foreach (var waiter in _waiters.Where(w => _pauses.Count >= w.Count).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Done.TrySetResult([.. _pauses]);
                }
            }

            return System.CreateTimer(
                s =>
                {
                    lock (_gate)
                    {
                        _now += dueTime;
                    }

                    callback(s);
                },
                state, TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        }
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
