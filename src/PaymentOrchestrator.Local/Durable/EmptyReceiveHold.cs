using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>
/// A long poll for the Durable backend's queues, which Azure Storage queues do not offer: a receive that finds its queue
/// empty is held for up to <c>hold</c>, and received again at once when this process sends that queue a visible message
/// meanwhile (a message delayed by a visibility timeout, the backend's durable timer, does not wake it). A receive of a
/// queue known to be empty — this process sent it nothing since a receive found fewer messages than it asked for — is
/// held the same way before it is sent, so the poll that follows each batch costs no request of its own. Placed in the
/// pipeline of the backend's queue client only (<see cref="DurableEngine"/>).
/// <para>
/// Why: the backend polls a queue again at once after every batch it receives and wakes its poller on every message it
/// sends (DurableTask.AzureStorage ControlQueue.GetMessagesAsync and TaskHubQueue.AddMessageAsync reset its back-off,
/// whose 50 ms floor is fixed), so each control message cost about two empty receives while few sagas flow; held after
/// an empty answer, still one. Held before, the receive that follows a batch is usually the one that returns the next
/// message. A message another process sends (a second host on the task hub) or a timer that comes due waits up to
/// <c>hold</c> longer: a hold that ends without a send is followed by a receive. docs/performance.md has the measured effect.
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
                await HoldWhileEmptyAsync(message, pipeline, receive);
                return;
            default:
                await ProcessNextAsync(message, pipeline);
                return;
        }
    }

    private async Task HoldWhileEmptyAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, QueueMessagesRequest receive)
    {
        var queue = SignalOf(receive.Queue);
        var started = Stopwatch.GetTimestamp();
        var answered = false;
        // Taken before each receive: a send that lands while it is on the wire still wakes the hold.
        var (sends, sent) = queue.Snapshot();
        var wait = queue.IsEmptyAt(sends);
        while (true)
        {
            if (wait)
            {
                var remaining = hold - Stopwatch.GetElapsedTime(started);
                var woken = remaining > TimeSpan.Zero && await WokenAsync(sent, remaining, message.CancellationToken);
                if (!woken && answered)
                {
                    return;
                }

                // Woken by a send, or known empty for the whole hold without being asked: receive (a timer that came
                // due, another host's message).
                (sends, sent) = queue.Snapshot();
            }

            if (answered)
            {
                // Received again through the rest of the pipeline (retry, signing, transport), as a retry is.
                message.Response.ContentStream?.Dispose();
            }

            await ProcessNextAsync(message, pipeline);
            answered = true;
            if (message.Response.Status != 200)
            {
                return;
            }

            var count = MessagesIn(message.Response.Content);
            if (count < receive.Asked)
            {
                queue.EmptyAt(sends);
            }

            if (count > 0)
            {
                return;
            }

            wait = true;
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
    private static int MessagesIn(BinaryData content) => content.ToMemory().Span.Count("<QueueMessage>"u8);

    private SendSignal SignalOf(string queue) => _sends.GetOrAdd(queue, static _ => new SendSignal());

    /// <summary>
    /// A queue's sends by this process: <see cref="Snapshot"/> hands out their count and a task completed by the next one;
    /// <see cref="EmptyAt"/> records that a receive taken at a count found fewer messages than it asked for.
    /// </summary>
    private sealed class SendSignal
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _sends;
        private long _emptyAt = -1;

        /// <summary>The task first, then the count: a send in between is counted, and a later one completes the task.</summary>
        public (long Sends, Task Next) Snapshot()
        {
            var next = Volatile.Read(ref _next).Task;
            return (Interlocked.Read(ref _sends), next);
        }

        /// <summary>Nothing was sent since a receive taken at <paramref name="sends"/> found the queue drained.</summary>
        public bool IsEmptyAt(long sends) => Interlocked.Read(ref _emptyAt) == sends;

        public void EmptyAt(long sends) => Interlocked.Exchange(ref _emptyAt, sends);

        public void Set()
        {
            Interlocked.Increment(ref _sends);
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}

internal enum QueueMessagesKind
{
    Receive,
    VisibleSend,
}

/// <summary>
/// A Get Messages or Put Message request of the Queue service, by its method, path and query; <paramref name="Asked"/> is
/// how many messages a receive asks for (<c>numofmessages</c>, 1 when absent).
/// </summary>
internal sealed record QueueMessagesRequest(QueueMessagesKind Kind, string Queue, int Asked = 0)
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
            return query["peekonly"] is "true" || query["comp"] is not null
                ? null
                : new(QueueMessagesKind.Receive, queue, int.TryParse(query["numofmessages"], CultureInfo.InvariantCulture, out var asked) && asked > 0 ? asked : 1);
        }

        // Put Message's visibilitytimeout delays the message (the backend's timers); 0 or absent means visible now.
        return request.Method == RequestMethod.Post && query["visibilitytimeout"] is null or "0"
            ? new(QueueMessagesKind.VisibleSend, queue)
            : null;
    }
}
