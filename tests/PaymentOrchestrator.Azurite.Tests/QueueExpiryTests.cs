using Azure.Storage.Queues;

namespace PaymentOrchestrator.Azurite.Tests;

/// <summary>
/// launch.js no longer hands LokiJS the queue service's empty removals (its clearing of expired messages before every
/// queue operation, nearly always nothing): a clearing that finds messages must still remove them, in every operation.
/// </summary>
public sealed class QueueExpiryTests
{
    [Fact]
    public async Task expired_messages_are_cleared_while_the_queue_and_its_neighbours_keep_working()
    {
        await using var server = await AzuriteServer.StartAsync(AzuriteOptions.ForTests);
        var queue = new QueueClient(server.ConnectionString, "expiring");
        var neighbour = new QueueClient(server.ConnectionString, "neighbour");
        await queue.CreateAsync();
        await neighbour.CreateAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync("short-" + i, timeToLive: TimeSpan.FromSeconds(1));
        }

        await queue.SendMessageAsync("kept");
        // Parked messages in another queue, as a Durable timer is: invisible for an hour.
        for (var i = 0; i < 5; i++)
        {
            await neighbour.SendMessageAsync("parked-" + i, visibilityTimeout: TimeSpan.FromHours(1));
        }

        await neighbour.SendMessageAsync("visible");
        // Operations that clear nothing (nothing has expired yet) leave every message where it was.
        Assert.Equal(4, (await queue.PeekMessagesAsync(32)).Value.Length);
        Assert.Equal("visible", Assert.Single((await neighbour.PeekMessagesAsync(32)).Value).MessageText);

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var peeked = (await queue.PeekMessagesAsync(32)).Value;
        Assert.Equal("kept", Assert.Single(peeked).MessageText);
        var received = Assert.Single((await queue.ReceiveMessagesAsync(32)).Value);
        Assert.Equal("kept", received.MessageText);
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
        Assert.Empty((await queue.ReceiveMessagesAsync(32)).Value);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        var other = Assert.Single((await neighbour.ReceiveMessagesAsync(32)).Value);
        Assert.Equal("visible", other.MessageText);
        Assert.Equal(6, (await neighbour.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
