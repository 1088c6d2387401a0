using System.Text;
using PaymentOrchestrator.Storage.Queues;
using PaymentOrchestrator.Storage.Tests.Support;

namespace PaymentOrchestrator.Storage.Tests.Queues;

public sealed class QueueTests
{
    private static async Task<QueueMessage> ReceiveEventuallyAsync(QueueClient queue, TimeSpan? visibility = null) =>
        await Support.Storage.EventuallyAsync(() => queue.ReceiveMessageAsync(visibility ?? TimeSpan.FromSeconds(30)));

    [Fact]
    public async Task creating_a_queue_twice_reports_that_it_existed_and_delete_reports_whether_it_was_there()
    {
        var service = new QueueServiceClient(await Support.Storage.ConnectionStringAsync());
        var name = Support.Storage.QueueName();

        Assert.True(await service.CreateQueueIfNotExistsAsync(name));
        Assert.False(await service.CreateQueueIfNotExistsAsync(name));
        Assert.True(await service.DeleteQueueAsync(name));
        Assert.False(await service.DeleteQueueAsync(name));
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => service.GetQueueClient(name).DeleteAsync());
        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task a_sent_message_is_received_once_with_its_text_receipt_and_dequeue_count()
    {
        var queue = await Support.Storage.NewQueueAsync();

        var receipt = await queue.SendMessageAsync("hello ü <&> 💳");
        var message = await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30));
        var second = await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(message);
        Assert.Equal(receipt.MessageId, message.MessageId);
        Assert.Equal("hello ü <&> 💳", message.MessageText);
        Assert.Equal(1, message.DequeueCount);
        Assert.False(string.IsNullOrEmpty(message.PopReceipt));
        Assert.True(message.NextVisibleOn > receipt.InsertionTime);
        Assert.Null(second);
    }

    [Fact]
    public async Task message_text_travels_as_base64_of_utf8()
    {
        var handler = new RecordingHandler();
        var queue = new QueueServiceClient(await Support.Storage.ConnectionStringAsync(), TestOptions.Through(handler)).GetQueueClient(Support.Storage.QueueName());
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync("grüß");

        var body = handler.Requests.Last().Body;
        Assert.Equal($"<QueueMessage><MessageText>{Convert.ToBase64String(Encoding.UTF8.GetBytes("grüß"))}</MessageText></QueueMessage>", body);
    }

    [Fact]
    public async Task a_delayed_message_is_invisible_at_first_and_visible_later()
    {
        var queue = await Support.Storage.NewQueueAsync();

        var receipt = await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(2));
        var immediately = await queue.ReceiveMessagesAsync(32);
        var peekedImmediately = await queue.PeekMessagesAsync(32);
        var eventually = await ReceiveEventuallyAsync(queue);

        Assert.Empty(immediately);
        Assert.Empty(peekedImmediately);
        Assert.True(receipt.TimeNextVisible >= receipt.InsertionTime.AddSeconds(2));
        Assert.Equal("later", eventually.MessageText);
        Assert.Equal(1, eventually.DequeueCount);
    }

    [Fact]
    public async Task an_unfinished_message_is_redelivered_with_a_growing_dequeue_count_and_a_new_receipt()
    {
        var queue = await Support.Storage.NewQueueAsync();
        await queue.SendMessageAsync("retry me");

        var first = await ReceiveEventuallyAsync(queue, TimeSpan.FromSeconds(1));
        var second = await ReceiveEventuallyAsync(queue, TimeSpan.FromSeconds(1));
        var third = await ReceiveEventuallyAsync(queue, TimeSpan.FromSeconds(30));

        Assert.Equal([1L, 2L, 3L], new[] { first.DequeueCount, second.DequeueCount, third.DequeueCount });
        Assert.Equal(first.MessageId, third.MessageId);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
        await queue.DeleteMessageAsync(third.MessageId, third.PopReceipt);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Fact]
    public async Task a_stale_pop_receipt_is_rejected_and_the_current_one_deletes()
    {
        var queue = await Support.Storage.NewQueueAsync();
        await queue.SendMessageAsync("job");
        var message = await ReceiveEventuallyAsync(queue);
        var update = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt));
        await queue.DeleteMessageAsync(message.MessageId, update.PopReceipt);

        Assert.Equal(400, error.Status);
        Assert.Equal("PopReceiptMismatch", error.ErrorCode);
        Assert.Equal("DeleteMessage", error.Operation);
        Assert.Contains(message.MessageId, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(0, (await queue.GetPropertiesAsync()).ApproximateMessagesCount);
    }

    [Fact]
    public async Task updating_content_and_visibility_returns_a_new_receipt_and_the_new_text_is_delivered()
    {
        var queue = await Support.Storage.NewQueueAsync();
        await queue.SendMessageAsync("v1");
        var message = await ReceiveEventuallyAsync(queue);

        var update = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, "v2 ü", TimeSpan.Zero);
        var updated = message.Update(update);
        var redelivered = await ReceiveEventuallyAsync(queue);

        Assert.NotEqual(message.PopReceipt, update.PopReceipt);
        Assert.Equal(update.PopReceipt, updated.PopReceipt);
        Assert.Equal("v2 ü", redelivered.MessageText);
        Assert.Equal(2, redelivered.DequeueCount);
    }

    [Fact]
    public async Task extending_visibility_keeps_the_message_hidden()
    {
        var queue = await Support.Storage.NewQueueAsync();
        await queue.SendMessageAsync("long job");
        var message = await ReceiveEventuallyAsync(queue, TimeSpan.FromSeconds(1));

        var update = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(5));

        Assert.True(update.NextVisibleOn > DateTimeOffset.UtcNow.AddMinutes(3));
        Assert.Empty(await queue.PeekMessagesAsync(32));
    }

    [Fact]
    public async Task peek_neither_locks_nor_counts_a_delivery()
    {
        var queue = await Support.Storage.NewQueueAsync();
        await queue.SendMessageAsync("look");

        var peeked = Assert.Single(await queue.PeekMessagesAsync(32));
        var received = await ReceiveEventuallyAsync(queue);

        Assert.Equal("look", peeked.MessageText);
        Assert.Equal(0, peeked.DequeueCount);
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task a_batch_receive_returns_up_to_the_requested_number()
    {
        var queue = await Support.Storage.NewQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        var three = await queue.ReceiveMessagesAsync(3, TimeSpan.FromSeconds(30));
        var rest = await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30));

        Assert.Equal(3, three.Length);
        Assert.Equal(2, rest.Length);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"m{i}").Order(), three.Concat(rest).Select(m => m.MessageText).Order());
    }

    [Fact]
    public async Task approximate_count_follows_sends_and_clear_empties_the_queue()
    {
        var queue = await Support.Storage.NewQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        var before = await queue.GetPropertiesAsync();
        await queue.ClearMessagesAsync();
        var after = await queue.GetPropertiesAsync();

        Assert.Equal(3, before.ApproximateMessagesCount);
        Assert.Equal(0, after.ApproximateMessagesCount);
        Assert.Empty(await queue.PeekMessagesAsync(32));
    }

    [Fact]
    public async Task an_infinite_time_to_live_never_expires()
    {
        var queue = await Support.Storage.NewQueueAsync();

        var infinite = await queue.SendMessageAsync("forever", timeToLive: Timeout.InfiniteTimeSpan);
        var alsoInfinite = await queue.SendMessageAsync("forever too", timeToLive: TimeSpan.FromSeconds(-1));
        var hour = await queue.SendMessageAsync("an hour", timeToLive: TimeSpan.FromHours(1));

        Assert.Equal(9999, infinite.ExpirationTime.Year);
        Assert.Equal(9999, alsoInfinite.ExpirationTime.Year);
        Assert.Equal(hour.InsertionTime.AddHours(1), hour.ExpirationTime);
    }

    [Fact]
    public async Task out_of_range_arguments_are_refused_before_any_request()
    {
        var handler = new RecordingHandler { Offline = true };
        var queue = new QueueClient(await Support.Storage.ConnectionStringAsync(), "jobs", TestOptions.Through(handler, maxRetries: 0));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("x", TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("x", TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("x", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendMessageAsync("x", timeToLive: TimeSpan.FromMilliseconds(500)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(33));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(1, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.PeekMessagesAsync(33));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.UpdateMessageAsync("id", "pr", visibilityTimeout: TimeSpan.FromDays(8)));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new string('x', 49 * 1024)));
        Assert.Throws<ArgumentException>(() => new QueueServiceClient("UseDevelopmentStorage=true").GetQueueClient("Bad_Name"));
        Assert.Equal(0, handler.Attempts);
    }

    [Fact]
    public async Task the_longest_allowed_delay_of_seven_days_is_accepted()
    {
        var queue = await Support.Storage.NewQueueAsync();

        var receipt = await queue.SendMessageAsync("next week", TimeSpan.FromDays(7), Timeout.InfiniteTimeSpan);

        Assert.Equal(receipt.InsertionTime.AddDays(7), receipt.TimeNextVisible);
    }
}
