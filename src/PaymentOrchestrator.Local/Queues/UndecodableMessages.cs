using Azure.Storage.Queues;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Local.Queues;

/// <summary>
/// Settles a message that is not base64 (a producer that sent raw text): the SDK leaves it out of what it received, so
/// without this it would come back after every visibility timeout and never be seen. It goes to the poison queue with
/// reason <see cref="Reason"/> and its text kept, like every other refused message.
/// </summary>
internal static class UndecodableMessages
{
    public const string Reason = "message-not-base64";

    public static async Task PoisonAsync(QueueServiceClient queues, QueueMessageDecodingFailedEventArgs args, TimeProvider time)
    {
        // A peek settles nothing; a poison queue has no poison queue of its own (its messages stay for a person to see).
        if (args.ReceivedMessage is not { } message || args.Queue.Name.EndsWith(OrchestratorNames.PoisonSuffix, StringComparison.Ordinal))
        {
            return;
        }

        var wrapper = PoisonMessage.Create(args.Queue.Name, message.Body, Reason,
            "The message text is not base64; producers must send base64-encoded CloudEvents JSON (the Azure SDKs' QueueMessageEncoding.Base64).",
            message.MessageId, message.DequeueCount, message.InsertedOn, time.GetUtcNow());
        await queues.GetQueueClient(QueueWorker.PoisonQueueName(args.Queue.Name))
            .SendMessageAsync(wrapper.ToBinary(), null, QueueLimits.NeverExpires, args.CancellationToken);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
    }
}
