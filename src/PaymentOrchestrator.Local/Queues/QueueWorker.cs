using Azure;
using System.Globalization;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// A competing consumer of one Storage queue: receives up to <c>concurrency</c> messages at a time, hides each while its
/// handler runs (renewing the visibility every half timeout, so long work is not handed to another consumer), deletes
/// it when done, and moves it to <c>&lt;queue&gt;-poison</c> with the reason when the handler dead-letters it or after
/// <see cref="QueueSettings.MaxDequeueCount"/> failed deliveries. On stop it receives nothing more and lets in-flight
/// messages finish; work cut off by the shutdown timeout is released for redelivery, so no message is lost. Given an
/// <see cref="IWorkCapacity"/>, it does not poll its queue when it is empty while that work has no room (at most
/// every <see cref="QueueSettings.MaxIdleDelay"/>); a receive that finds messages is never held back.
/// </summary>
public sealed partial class QueueWorker : BackgroundService
{
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly IQueueMessageHandler _handler;
    private readonly int _concurrency;
    private readonly QueueSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueWorker> _logger;
    private readonly IWorkCapacity? _capacity;
    private readonly CancellationTokenSource _abort = new();

    public QueueWorker(
        QueueServiceClient queues, string queueName, int concurrency, IQueueMessageHandler handler, QueueSettings settings,
        TimeProvider time, ILogger<QueueWorker> logger, IWorkCapacity? capacity = null)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _queue = queues.GetQueueClient(queueName);
        _poison = queues.GetQueueClient(PoisonQueueName(queueName));
        _handler = handler;
        _concurrency = concurrency;
        _settings = settings;
        _time = time;
        _logger = logger;
        _capacity = capacity;
    }

    public string QueueName => _queue.Name;

    public static string PoisonQueueName(string queueName) => queueName + OrchestratorNames.PoisonSuffix;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout: past it, in-flight handlers are cancelled and their messages released.
        await using var registration = cancellationToken.Register(() => _abort.Cancel());
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_concurrency, _concurrency);
        var pacing = new ReceivePacing(_settings.MinIdleDelay, _settings.MaxIdleDelay, _settings.IdleAfter, _time.GetUtcNow());
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var taken = 1;
            while (taken < Math.Min(_concurrency, QueueLimits.MaxMessagesPerReceive) && slots.Wait(0))
            {
                taken++;
            }

            QueueMessage[] messages;
            try
            {
                messages = await _queue.ReceiveMessagesAsync(taken, _settings.VisibilityTimeout, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                slots.Release(taken);
                break;
            }
            catch (Exception e)
            {
                slots.Release(taken);
                failures++;
                LogReceiveFailed(e, _queue.Name, e.Message);
                await DelayAsync(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - 1))), stoppingToken);
                continue;
            }

            if (taken > messages.Length)
            {
                slots.Release(taken - messages.Length);
            }

            if (messages.Length == 0)
            {
                await DelayAsync(pacing.Empty(_time.GetUtcNow()), stoppingToken);
                await WaitForRoomAsync(stoppingToken);
                continue;
            }

            pacing.Received(_time.GetUtcNow());
            foreach (var message in messages)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await ProcessAsync(message);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None);
            }

            // Fewer than asked for: the receive emptied the queue, so receiving again at once would almost always find
            // nothing — one wasted storage request per message at a few messages a second. Wait the shortest pause, as
            // after an empty receive: a message sent meanwhile waits no longer than one sent during any other pause.
            if (messages.Length < taken)
            {
                await DelayAsync(_settings.MinIdleDelay, stoppingToken);
                await WaitForRoomAsync(stoppingToken);
            }
        }

        // Graceful stop: wait for every in-flight message (they end early only if the shutdown timeout cancels them).
        for (var i = 0; i < _concurrency; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }
    }

    private async Task ProcessAsync(QueueMessage message)
    {
        var abort = _abort.Token;
        if (message.DequeueCount > _settings.MaxDequeueCount)
        {
            await PoisonAsync(message, message.PopReceipt, "MaxDequeueCountExceeded", string.Create(CultureInfo.InvariantCulture,
                $"Delivered {message.DequeueCount} times without being completed (more than {_settings.MaxDequeueCount}): every attempt failed or the host stopped while processing it."));
            return;
        }

        var lease = new Lease(message.PopReceipt);
        using var renewStop = new CancellationTokenSource();
        var renewal = RenewAsync(message.MessageId, lease, renewStop.Token);
        var settlement = new RecordedSettlement();
        Exception? failure = null;
        try
        {
            await _handler.HandleAsync(message, settlement, abort);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Cut off by the shutdown timeout: released below for redelivery.
        }
        catch (Exception e)
        {
            failure = e;
        }

        await renewStop.CancelAsync();
        await renewal;
        var outcome = failure is null ? settlement.Outcome : null;

        try
        {
            switch (outcome)
            {
                case Completed:
                    await _queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, CancellationToken.None);
                    break;
                case DeadLettered dead:
                    await PoisonAsync(message, lease.PopReceipt, dead.Reason, dead.Description);
                    break;
                case null when failure is null:
                    using (var release = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                    {
                        await _queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: release.Token);
                    }

                    LogReleased(_queue.Name, message.MessageId);
                    break;
                default:
                    if (message.DequeueCount >= _settings.MaxDequeueCount)
                    {
                        await PoisonAsync(message, lease.PopReceipt, "MaxDequeueCountExceeded", string.Create(CultureInfo.InvariantCulture,
                            $"Failed {message.DequeueCount} times; last error: {failure!.GetType().Name}: {failure.Message}"));
                    }
                    else
                    {
                        var delay = RetryDelay(message.DequeueCount);
                        LogRetry(failure!, _queue.Name, message.MessageId, message.DequeueCount, delay, failure!.Message);
                        await _queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: delay, cancellationToken: CancellationToken.None);
                    }

                    break;
            }
        }
        catch (Exception e)
        {
            // The message stays hidden until its visibility ends and is then delivered again: nothing is lost.
            LogSettleFailed(e, _queue.Name, message.MessageId, e.Message);
        }
    }

    private TimeSpan RetryDelay(long dequeueCount)
    {
        var ticks = _settings.RetryDelay.Ticks * Math.Pow(2, Math.Max(0, dequeueCount - 1));
        return TimeSpan.FromSeconds(Math.Ceiling(TimeSpan.FromTicks((long)Math.Min(ticks, TimeSpan.FromMinutes(1).Ticks)).TotalSeconds));
    }

    private async Task RenewAsync(string messageId, Lease lease, CancellationToken stop)
    {
        var every = TimeSpan.FromTicks(Math.Max(_settings.VisibilityTimeout.Ticks / 2, TimeSpan.FromMilliseconds(500).Ticks));
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, _time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Not cancelled by `stop`: an update that reached the service must report its new receipt.
                var receipt = await _queue.UpdateMessageAsync(messageId, lease.PopReceipt, visibilityTimeout: _settings.VisibilityTimeout, cancellationToken: _abort.Token);
                lease.PopReceipt = receipt.Value.PopReceipt;
            }
            catch (Exception e)
            {
                LogRenewFailed(e, _queue.Name, messageId, e.Message);
                return;
            }
        }
    }

    private async Task PoisonAsync(QueueMessage message, string popReceipt, string reason, string description)
    {
        var wrapper = PoisonMessage.Create(_queue.Name, message.Body, reason, description, message.MessageId, message.DequeueCount,
            message.InsertedOn, _time.GetUtcNow());
        try
        {
            await _poison.SendMessageAsync(wrapper.ToBinary(), null, QueueLimits.NeverExpires, CancellationToken.None);
        }
        catch (RequestFailedException e) when (e.Status is 400 or 413)
        {
            // Too large once wrapped: keep the reason and the start of the original rather than lose the message.
            var truncated = wrapper with
            {
                OriginalMessage = wrapper.OriginalMessage[..Math.Min(wrapper.OriginalMessage.Length, 16 * 1024)],
                Description = wrapper.Description + " (the original was too large for a poison message and is truncated)",
            };
            await _poison.SendMessageAsync(truncated.ToBinary(), null, QueueLimits.NeverExpires, CancellationToken.None);
        }

        await _queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None);
        LogPoisoned(_queue.Name, message.MessageId, reason, description);
    }

    /// <summary>
    /// Before polling an empty queue again: while the work its messages lead to has no room (every activity slot of the
    /// engine busy), wait until room is made, at most <see cref="QueueSettings.MaxIdleDelay"/>. A message that arrives
    /// meanwhile could not have its saga's next step run sooner; each poll would be one storage request, and Azurite's
    /// time that the running work needs. At one activity slot and 75 ms Vipps calls, most of a saga's receives.
    /// </summary>
    private async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var room = _capacity?.Room;
        if (room is null || room.IsCompleted)
        {
            return;
        }

        try
        {
            await room.WaitAsync(_settings.MaxIdleDelay, _time, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Still no room after the longest pause, or stopping: poll anyway (the loop checks for the stop).
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// The pause after an empty receive. While messages flow (one came less than <c>idleAfter</c> ago) it stays at the
    /// shortest, so a message sent between two arrivals waits one short pause, not a back-off grown in the gap; once
    /// the queue has been empty that long, the pause doubles up to <c>maxDelay</c>, so an idle host polls as rarely as
    /// before. A start counts as a message: a host that just started polls quickly for as long.
    /// </summary>
    private sealed class ReceivePacing(TimeSpan minDelay, TimeSpan maxDelay, TimeSpan idleAfter, DateTimeOffset start)
    {
        private DateTimeOffset _lastMessageAt = start;
        private TimeSpan? _backOff;

        public void Received(DateTimeOffset now)
        {
            _lastMessageAt = now;
            _backOff = null;
        }

        public TimeSpan Empty(DateTimeOffset now)
        {
            if (now - _lastMessageAt < idleAfter)
            {
                return minDelay;
            }

            var pause = _backOff ?? minDelay;
            _backOff = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, Math.Max(maxDelay.Ticks, minDelay.Ticks)));
            return pause;
        }
    }

    private sealed class Lease(string popReceipt)
    {
        private string _popReceipt = popReceipt;

        public string PopReceipt
        {
            get => Volatile.Read(ref _popReceipt);
            set => Volatile.Write(ref _popReceipt, value);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: receive failed: {Error}")]
    private partial void LogReceiveFailed(Exception exception, string queue, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} failed (delivery {DequeueCount}); retrying in {Delay}: {Error}")]
    private partial void LogRetry(Exception exception, string queue, string messageId, long dequeueCount, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} moved to the poison queue: {Reason}: {Description}")]
    private partial void LogPoisoned(string queue, string messageId, string reason, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue}: message {MessageId} released for redelivery (stopping)")]
    private partial void LogReleased(string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: could not renew the visibility of message {MessageId}: {Error}")]
    private partial void LogRenewFailed(Exception exception, string queue, string messageId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: could not settle message {MessageId}; it will be delivered again: {Error}")]
    private partial void LogSettleFailed(Exception exception, string queue, string messageId, string error);
}
