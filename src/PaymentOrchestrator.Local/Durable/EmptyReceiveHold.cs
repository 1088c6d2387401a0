using System.Collections.Concurrent;
using System.Diagnostics;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>
/// A long poll for the Durable backend's queues, which Azure Storage queues do not offer: a receive that finds its queue
/// empty is held for up to <c>hold</c>, and received again at once when this process sends that queue a visible message
/// meanwhile (a message delayed by a visibility timeout, the backend's durable timer, does not wake it). Placed in the
/// pipeline of the backend's queue client only (<see cref="DurableEngine"/>).
/// <para>
/// Why: the backend polls a queue again at once after every batch it receives and wakes its poller on every message it
/// sends (DurableTask.AzureStorage ControlQueue.GetMessagesAsync and TaskHubQueue.AddMessageAsync reset its back-off,
/// whose 50 ms floor is fixed), so each control message cost about two empty receives while few sagas flow. Held, the
/// first of them usually returns the next message instead. A message another process sends (a second host on the task
/// hub) or a timer that comes due waits up to <c>hold</c> longer. docs/performance.md has the measured effect.
/// </para>
/// </summary>
public sealed class EmptyReceiveHold(TimeSpan hold) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, SendSignal> _sends = new(StringComparer.Ordinal);

    // The backend's queue calls are asynchronous; a synchronous call is passed on untouched.
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNext(message, pipeline);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (QueueMessagesRequest.Of(message.Request))
        {
            case { Kind: QueueMessagesKind.VisibleSend } send:
                await ProcessNextAsync(message, pipeline);
                if (message.Response.Status == 201)
                {
                    SignalOf(send.Queue).Set();
                }

                return;
            case { Kind: QueueMessagesKind.Receive } receive when hold > TimeSpan.Zero && message.BufferResponse:
                await HoldWhileEmptyAsync(message, pipeline, receive.Queue);
                return;
            default:
                await ProcessNextAsync(message, pipeline);
                return;
        }
    }

    private async Task HoldWhileEmptyAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, string queue)
    {
        var signal = SignalOf(queue);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            // Taken before the receive: a send that lands while it is on the wire still wakes the hold.
            var sent = signal.Next;
            await ProcessNextAsync(message, pipeline);
            if (message.Response.Status != 200 || !IsEmptyList(message.Response.Content))
            {
                return;
            }

            var remaining = hold - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            if (!await WokenAsync(sent, remaining, message.CancellationToken))
            {
                return;
            }

            // Received again through the rest of the pipeline (retry, signing, transport), as a retry is.
            message.Response.ContentStream?.Dispose();
        }
    }

    private static async Task<bool> WokenAsync(Task sent, TimeSpan remaining, CancellationToken cancellationToken)
    {
        if (sent.IsCompleted)
        {
            return true;
        }

        // Cancelled (the backend releasing its queue, the host stopping): the empty answer is returned as it came.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Task.WhenAny(sent, Task.Delay(remaining, stop.Token));
        await stop.CancelAsync();
        return first == sent;
    }

    // Get Messages answers <QueueMessagesList> with one <QueueMessage> per message
    // (learn.microsoft.com/rest/api/storageservices/get-messages).
    private static bool IsEmptyList(BinaryData content) => content.ToMemory().Span.IndexOf("<QueueMessage>"u8) < 0;

    private SendSignal SignalOf(string queue) => _sends.GetOrAdd(queue, static _ => new SendSignal());

    /// <summary>Completes <see cref="Next"/> on every send and hands out a fresh one.</summary>
    private sealed class SendSignal
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next => Volatile.Read(ref _next).Task;

        public void Set() =>
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}

internal enum QueueMessagesKind
{
    Receive,
    VisibleSend,
}

/// <summary>A Get Messages or Put Message request of the Queue service, by its method, path and query.</summary>
internal sealed record QueueMessagesRequest(QueueMessagesKind Kind, string Queue)
{
    private const string MessagesSegment = "/messages";

    /// <summary>The request's kind and queue, or null for anything else (peeks, deletes, updates, other services).</summary>
    public static QueueMessagesRequest? Of(Request request)
    {
        // Path-style (Azurite: /account/queue/messages) or host-style (/queue/messages); a message's own path
        // (/queue/messages/{id}) is a delete or an update.
        var path = request.Uri.Path;
        if (!path.EndsWith(MessagesSegment, StringComparison.Ordinal))
        {
            return null;
        }

        var head = path[..^MessagesSegment.Length];
        var queue = head[(head.LastIndexOf('/') + 1)..];
        if (queue.Length == 0)
        {
            return null;
        }

        var query = HttpUtility.ParseQueryString(request.Uri.Query);
        if (request.Method == RequestMethod.Get)
        {
            return query["peekonly"] is "true" || query["comp"] is not null ? null : new(QueueMessagesKind.Receive, queue);
        }

        // Put Message's visibilitytimeout delays the message (the backend's timers); 0 or absent means visible now.
        return request.Method == RequestMethod.Post && query["visibilitytimeout"] is null or "0"
            ? new(QueueMessagesKind.VisibleSend, queue)
            : null;
    }
}
