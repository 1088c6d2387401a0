using System.Collections.Concurrent;
using System.Text.Json;
using PaymentOrchestrator.Domain.Contracts;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// The webshop's side of the outcome queue: one loop receives up to 32 outcome CloudEvents at a time, deletes them, and
/// completes whoever waits for that (reference, type). While anyone waits it receives again 20 ms after an empty receive
/// (a webshop that wants its outcomes at once; its receives go to Azurite directly, not through the counting proxy), else
/// it backs off to 100 ms. Waiters are registered before the request is sent, so no outcome
/// can arrive unobserved. An outcome that ends the saga another way (aborted, expired, needs attention …) fails its
/// waiters at once instead of letting them time out.
/// </summary>
internal sealed class OutcomeReader : IAsyncDisposable
{
    private static readonly TimeSpan Waiting = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MinIdle = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxIdle = TimeSpan.FromMilliseconds(100);
    private static readonly string[] Awaited = [OutgoingEventTypes.PaymentCreated, OutgoingEventTypes.PaymentAuthorized, OutgoingEventTypes.PaymentCaptured];
    private readonly QueueClient _events;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>> _waiters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _received;

    public OutcomeReader(QueueClient events)
    {
        _events = events;
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    public long Received => Interlocked.Read(ref _received);

    /// <summary>
    /// Registers a waiter for <paramref name="type"/> of <paramref name="reference"/>; call before sending what causes it.
    /// The task's result is when the receive that returned the outcome came back (the webshop's read).
    /// </summary>
    public Task<DateTimeOffset> Expect(string reference, string type)
    {
        var waiter = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[Key(reference, type)] = waiter;
        return waiter.Task;
    }

    /// <summary>Awaits <paramref name="expected"/>; on timeout or cancellation forgets every waiter of <paramref name="reference"/>.</summary>
    public async Task WaitAsync(Task expected, string reference, string step, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await expected.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Forget(reference);
            throw new TimeoutException($"{reference}: no {step} outcome within {timeout.TotalSeconds:F0} s.");
        }
        catch (OperationCanceledException)
        {
            Forget(reference);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static string Key(string reference, string type) => reference + "|" + type;

    private void Forget(string reference)
    {
        foreach (var type in Awaited)
        {
            _waiters.TryRemove(Key(reference, type), out _);
        }
    }

    private async Task LoopAsync()
    {
        var idle = MinIdle;
        while (!_stop.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await _events.ReceiveMessagesAsync(QueueLimits.MaxMessagesPerReceive, TimeSpan.FromSeconds(60), _stop.Token)).Value;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A failed receive (Azurite busy) is retried; the waiters time out if it never recovers.
            catch (Exception)
#pragma warning restore CA1031
            {
                await DelayAsync(MaxIdle);
                continue;
            }

            if (batch.Length == 0)
            {
                await DelayAsync(_waiters.IsEmpty ? idle : Waiting);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, MaxIdle.Ticks));
                continue;
            }

            idle = MinIdle;
            var readAt = TimeProvider.System.GetUtcNow();
            Interlocked.Add(ref _received, batch.Length);
            foreach (var message in batch)
            {
                Complete(message, readAt);
            }

            try
            {
                await Task.WhenAll(batch.Select(m => _events.DeleteMessageAsync(m.MessageId, m.PopReceipt, CancellationToken.None)));
            }
#pragma warning disable CA1031 // An undeleted outcome comes back after 60 s and is then a harmless duplicate.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>An outcome CloudEvent's type and its payment's reference (subject = "&lt;msn&gt;/&lt;reference&gt;"); null when it is not one.</summary>
    internal static (string Type, string Reference)? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var type = document.RootElement.GetProperty("type").GetString();
            var subject = document.RootElement.GetProperty("subject").GetString();
            return type is null || subject is null ? null : (type, subject[(subject.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private void Complete(QueueMessage message, DateTimeOffset readAt)
    {
        if (Parse(message.Body.ToMemory()) is not { } outcome)
        {
            return;
        }

        var (type, reference) = outcome;

        if (Awaited.Contains(type, StringComparer.Ordinal))
        {
            if (_waiters.TryRemove(Key(reference, type), out var waiter))
            {
                waiter.TrySetResult(readAt);
            }

            return;
        }

        foreach (var awaited in Awaited)
        {
            if (_waiters.TryRemove(Key(reference, awaited), out var waiter))
            {
                waiter.TrySetException(new InvalidOperationException($"{reference}: the saga published {type} while {awaited} was awaited."));
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
