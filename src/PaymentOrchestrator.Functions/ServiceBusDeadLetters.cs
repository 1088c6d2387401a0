using System.Text;
using Azure.Messaging.ServiceBus;
using PaymentOrchestrator.Api.DeadLetters;
using PaymentOrchestrator.Orchestration;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// The Functions app's work queues for the API: Service Bus queues whose dead letters are in their
/// <c>$deadletterqueue</c> sub-queue. Listing peeks (nothing is locked); replay receives the selected dead letters,
/// sends each body back to its queue and completes the dead letter; the others are abandoned (they stay).
/// Tested through the API's dead-letter routes by the conformance suite (tests/PaymentOrchestrator.Api.Tests, the same
/// cases as the local host's poison queues) and by ServiceBusDeadLettersTests, over the in-memory client of
/// tests/PaymentOrchestrator.Testing (peek, peek-lock receive, complete, abandon, send with duplicate detection); no test
/// reaches a real namespace (there is no Service Bus emulator on the build machines).
/// SDK: ServiceBusClient.CreateReceiver(string, ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter }),
/// ServiceBusReceiver.PeekMessagesAsync(int, long?, CancellationToken) / ReceiveMessagesAsync(int, TimeSpan?, CancellationToken) /
/// CompleteMessageAsync / AbandonMessageAsync, ServiceBusMessage(ServiceBusReceivedMessage) (Azure.Messaging.ServiceBus 7.21 API).
/// </summary>
public sealed class ServiceBusDeadLetters(ServiceBusClient client) : IDeadLetterQueues
{
    private const int Batch = 32;

    public IReadOnlyList<string> WorkQueues { get; } = [OrchestratorNames.PaymentRequestsQueue, OrchestratorNames.RefundRequestsQueue];

    public int PeekLimit => Batch;

    public async Task<IReadOnlyList<DeadLetterListing>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<DeadLetterListing>();
        foreach (var queue in WorkQueues)
        {
            await using var receiver = DeadLetterReceiver(queue);
            var peeked = await receiver.PeekMessagesAsync(Batch, fromSequenceNumber: null, cancellationToken);
            result.Add(new DeadLetterListing(queue, receiver.EntityPath, [.. peeked.Select(m => Letter(queue, m))]));
        }

        return result;
    }

    public async Task<int> ReplayAsync(string workQueue, Func<DeadLetter, bool> select, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(select);
        await using var receiver = DeadLetterReceiver(workQueue);
        await using var sender = client.CreateSender(workQueue);
        var skipped = new List<ServiceBusReceivedMessage>();
        var seen = new HashSet<long>();
        var replayed = 0;
        while (true)
        {
            var batch = await receiver.ReceiveMessagesAsync(Batch, TimeSpan.FromSeconds(2), cancellationToken);
            var fresh = batch.Where(m => seen.Add(m.SequenceNumber)).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var message in fresh)
            {
                if (!select(Letter(workQueue, message)))
                {
                    skipped.Add(message);
                    continue;
                }

                // A new message id: the queues detect duplicates by id, and the original one may still be in the
                // window. The intake dedupes by the CloudEvent's id, so a replay never applies an event twice.
                var copy = new ServiceBusMessage(message) { MessageId = ReplayId(message) };
                copy.ApplicationProperties.Remove("DeadLetterReason");
                copy.ApplicationProperties.Remove("DeadLetterErrorDescription");
                await sender.SendMessageAsync(copy, cancellationToken);
                await receiver.CompleteMessageAsync(message, cancellationToken);
                replayed++;
            }
        }

        foreach (var message in skipped)
        {
            await receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken);
        }

        return replayed;
    }

    /// <summary>Counting messages needs the Manage right, which the app's identity does not have: no depths here.</summary>
    public Task<IReadOnlyDictionary<string, int>> DepthsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(StringComparer.Ordinal));

    private ServiceBusReceiver DeadLetterReceiver(string queue) =>
        client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = ServiceBusReceiveMode.PeekLock });

    private static string ReplayId(ServiceBusReceivedMessage message)
    {
        var id = $"{message.MessageId}/replay-{message.SequenceNumber}";
        return id.Length <= 128 ? id : id[^128..];
    }

    private static DeadLetter Letter(string queue, ServiceBusReceivedMessage message)
    {
        var body = message.Body.ToMemory();
        string text;
        string encoding;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
            encoding = "utf-8";
        }
        catch (DecoderFallbackException)
        {
            text = Convert.ToBase64String(body.Span);
            encoding = "base64";
        }

        var view = DeadLetterView.Create(message.MessageId, message.DeadLetterReason ?? string.Empty, message.DeadLetterErrorDescription ?? string.Empty,
            queue, message.EnqueuedTime, message.DeliveryCount, encoding, text);
        return new DeadLetter(message.SequenceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), message.MessageId, view.Msn, view);
    }
}
