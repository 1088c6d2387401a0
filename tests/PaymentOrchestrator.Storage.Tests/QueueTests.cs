using System.Text;
using Azure.Storage.Queues;

namespace PaymentOrchestrator.Storage.Tests;

public sealed class QueueTests
{
    private const string Json = """{"specversion":"1.0","id":"e-1","type":"payment.requested.v1","data":{"note":"blåbær"}}""";

    [Fact]
    public async Task a_message_in_the_old_format_base64_of_utf8_is_read_as_its_text()
    {
        var queue = await Fresh.QueueAsync();
        var raw = await Fresh.RawAsync(queue);
        await raw.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(Json)));

        var received = Assert.Single((await queue.ReceiveMessagesAsync(maxMessages: 32)).Value);

        Assert.Equal(Json, received.Body.ToString());
    }

    [Fact]
    public async Task what_we_send_travels_as_base64_of_utf8()
    {
        var queue = await Fresh.QueueAsync();
        await queue.SendMessageAsync(BinaryData.FromString(Json));

        var onTheWire = Assert.Single((await (await Fresh.RawAsync(queue)).PeekMessagesAsync(32)).Value);

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(Json)), onTheWire.Body.ToString());
    }

    [Fact]
    public async Task a_message_that_is_not_base64_is_handed_to_the_handler_with_its_raw_text_and_not_to_the_receiver()
    {
        var seen = new List<string>();
        var clients = new StorageClients(
            new StorageConnectionOptions { ConnectionString = (await Testing.SharedAzurite.GetAsync()).ConnectionString },
            onUndecodableMessage: args =>
            {
                if (args.ReceivedMessage is { } message)
                {
                    seen.Add(message.Body.ToString());
                }

                return Task.CompletedTask;
            });
        var queue = await Fresh.QueueAsync(clients);
        await (await Fresh.RawAsync(queue)).SendMessageAsync("{not base64}");

        var received = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;

        Assert.Empty(received);
        Assert.Equal(["{not base64}"], seen);
    }

    [Fact]
    public async Task an_unsettled_message_is_delivered_again_with_a_growing_dequeue_count_and_a_new_receipt()
    {
        var queue = await Fresh.QueueAsync();
        await queue.SendMessageAsync(BinaryData.FromString(Json));

        var first = (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(1))).Value;
        var second = await EventuallyAsync(async () => (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));
        await queue.DeleteMessageAsync(second.MessageId, second.PopReceipt);
    }

    [Fact]
    public async Task a_message_that_never_expires_is_accepted_where_an_infinite_timespan_is_refused()
    {
        var queue = await Fresh.QueueAsync();

        var receipt = (await queue.SendMessageAsync(BinaryData.FromString(Json), null, QueueLimits.NeverExpires)).Value;
        var refused = await Assert.ThrowsAsync<Azure.RequestFailedException>(
            () => queue.SendMessageAsync(BinaryData.FromString(Json), null, Timeout.InfiniteTimeSpan));

        Assert.True(receipt.ExpirationTime > DateTimeOffset.UtcNow.AddYears(100));
        Assert.Equal(400, refused.Status);
    }

    [Fact]
    public async Task a_batch_receive_returns_at_most_the_queue_limit()
    {
        var queue = await Fresh.QueueAsync();
        for (var i = 0; i < QueueLimits.MaxMessagesPerReceive + 3; i++)
        {
            await queue.SendMessageAsync(BinaryData.FromString($"m{i}"));
        }

        var batch = (await queue.ReceiveMessagesAsync(QueueLimits.MaxMessagesPerReceive, TimeSpan.FromMinutes(1))).Value;

        Assert.Equal(QueueLimits.MaxMessagesPerReceive, batch.Length);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The message did not come back.");
    }
}
