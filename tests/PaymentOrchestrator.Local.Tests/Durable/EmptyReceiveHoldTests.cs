using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using PaymentOrchestrator.Local.Durable;
using PaymentOrchestrator.Local.Tests.Queues;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Local.Tests.Durable;

/// <summary>
/// The Durable backend's long poll (<see cref="EmptyReceiveHold"/>) on real Azurite: a receive that finds its queue
/// empty is held and taken again when this process sends that queue a visible message, and only then.
/// </summary>
public sealed class EmptyReceiveHoldTests
{
    private static async Task<(QueueServiceClient Queues, ReceiveCountingTransport Counting)> ClientAsync(TimeSpan hold)
    {
        var azurite = await SharedAzurite.GetAsync();
        var counting = new ReceiveCountingTransport();
        var options = new QueueClientOptions { Transport = counting };
        options.AddPolicy(new EmptyReceiveHold(hold), HttpPipelinePosition.PerCall);
        return (new QueueServiceClient(azurite.ConnectionString, options), counting);
    }

    private static async Task<QueueClient> QueueAsync(QueueServiceClient queues)
    {
        var queue = queues.GetQueueClient("hold-" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateAsync();
        return queue;
    }

    [Fact]
    public async Task a_receive_that_found_the_queue_empty_returns_the_message_this_process_sends_meanwhile()
    {
        var (queues, counting) = await ClientAsync(TimeSpan.FromHours(1));
        var queue = await QueueAsync(queues);

        var receive = queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30));
        await counting.AnsweredAsync(1);
        Assert.False(receive.IsCompleted);
        await queue.SendMessageAsync("started");

        var received = (await receive.WaitAsync(TimeSpan.FromMinutes(1))).Value;
        Assert.Equal("started", Assert.Single(received).MessageText);
        Assert.Equal(2, counting.Answered);
    }

    [Fact]
    public async Task a_delayed_message_or_a_message_to_another_queue_does_not_wake_a_held_receive()
    {
        var (queues, counting) = await ClientAsync(TimeSpan.FromSeconds(2));
        var queue = await QueueAsync(queues);
        var other = await QueueAsync(queues);

        var receive = queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30));
        await counting.AnsweredAsync(1);
        await queue.SendMessageAsync("timer", visibilityTimeout: TimeSpan.FromHours(1));
        await other.SendMessageAsync("elsewhere");

        // Held until its end and answered empty, never taken again.
        Assert.Empty((await receive).Value);
        Assert.Equal(1, counting.Receives);
        Assert.Equal("elsewhere", Assert.Single((await other.ReceiveMessagesAsync(32)).Value).MessageText);
    }

    [Fact]
    public async Task after_a_receive_that_drained_the_queue_the_next_receive_waits_for_a_send_before_it_asks()
    {
        var (queues, counting) = await ClientAsync(TimeSpan.FromHours(1));
        var queue = await QueueAsync(queues);
        await queue.SendMessageAsync("one");
        await queue.SendMessageAsync("two");
        Assert.Equal(2, (await queue.ReceiveMessagesAsync(32, TimeSpan.FromHours(1))).Value.Length);

        var receive = queue.ReceiveMessagesAsync(32, TimeSpan.FromHours(1));
        await Task.Delay(300);
        var asked = counting.Receives;
        await queue.SendMessageAsync("three");

        // The batch that drained the queue and the one that took the next message: no empty receive between them.
        Assert.Equal("three", Assert.Single((await receive.WaitAsync(TimeSpan.FromMinutes(1))).Value).MessageText);
        Assert.Equal(1, asked);
        Assert.Equal(2, counting.Receives);
    }

    [Fact]
    public async Task a_receive_that_got_all_it_asked_for_leaves_the_next_one_to_ask_at_once()
    {
        var (queues, counting) = await ClientAsync(TimeSpan.FromHours(1));
        var queue = await QueueAsync(queues);
        await queue.SendMessageAsync("one");
        await queue.SendMessageAsync("two");
        Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromHours(1))).Value);

        Assert.Equal("two", Assert.Single((await queue.ReceiveMessagesAsync(32, TimeSpan.FromHours(1)).WaitAsync(TimeSpan.FromMinutes(1))).Value).MessageText);
        Assert.Equal(2, counting.Receives);
    }

    [Fact]
    public async Task a_queue_known_to_be_empty_is_asked_once_the_hold_ends_so_another_hosts_message_is_taken()
    {
        var (queues, counting) = await ClientAsync(TimeSpan.FromSeconds(1));
        var queue = await QueueAsync(queues);
        Assert.Empty((await queue.ReceiveMessagesAsync(32, TimeSpan.FromHours(1))).Value);
        var otherHost = new QueueServiceClient((await SharedAzurite.GetAsync()).ConnectionString).GetQueueClient(queue.Name);
        await otherHost.SendMessageAsync("from another host");

        Assert.Equal("from another host", Assert.Single((await queue.ReceiveMessagesAsync(32, TimeSpan.FromHours(1)).WaitAsync(TimeSpan.FromMinutes(1))).Value).MessageText);
        Assert.Equal(2, counting.Receives);
    }

    [Fact]
    public async Task a_receive_that_finds_messages_and_a_peek_are_answered_as_they_come()
    {
        var (queues, counting) = await ClientAsync(TimeSpan.FromHours(1));
        var queue = await QueueAsync(queues);
        await queue.SendMessageAsync("waiting");

        Assert.Equal("waiting", Assert.Single((await queue.ReceiveMessagesAsync(32, TimeSpan.FromHours(1))).Value).MessageText);
        Assert.Empty((await queue.PeekMessagesAsync(32).WaitAsync(TimeSpan.FromMinutes(1))).Value);
        Assert.Equal(1, counting.Answered);
    }

    [Fact]
    public async Task a_held_receive_that_is_cancelled_answers_empty()
    {
        var (queues, counting) = await ClientAsync(TimeSpan.FromHours(1));
        var queue = await QueueAsync(queues);
        using var stop = new CancellationTokenSource();

        var receive = queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), stop.Token);
        await counting.AnsweredAsync(1);
        await stop.CancelAsync();

        Assert.Empty((await receive.WaitAsync(TimeSpan.FromMinutes(1))).Value);
        Assert.Equal(1, counting.Receives);
    }

    [Theory]
    [InlineData("GET", "/devstoreaccount1/hub-control-00/messages?numofmessages=32&visibilitytimeout=10", "Receive", "hub-control-00", 32)]
    [InlineData("GET", "/hub-workitems/messages?numofmessages=1", "Receive", "hub-workitems", 1)]
    [InlineData("GET", "/hub-workitems/messages", "Receive", "hub-workitems", 1)]
    [InlineData("POST", "/devstoreaccount1/hub-control-00/messages", "VisibleSend", "hub-control-00", 0)]
    [InlineData("POST", "/devstoreaccount1/hub-control-00/messages?visibilitytimeout=0&messagettl=-1", "VisibleSend", "hub-control-00", 0)]
    [InlineData("POST", "/devstoreaccount1/hub-control-00/messages?visibilitytimeout=5", null, null, 0)]
    [InlineData("GET", "/devstoreaccount1/hub-control-00/messages?numofmessages=32&peekonly=true", null, null, 0)]
    [InlineData("DELETE", "/devstoreaccount1/hub-control-00/messages/1b2c?popreceipt=x", null, null, 0)]
    [InlineData("PUT", "/devstoreaccount1/hub-control-00/messages/1b2c?popreceipt=x&visibilitytimeout=0", null, null, 0)]
    [InlineData("GET", "/devstoreaccount1/hub-control-00/messages?comp=acl", null, null, 0)]
    [InlineData("GET", "/messages", null, null, 0)]
    public void requests_are_told_apart_by_method_path_and_query(string method, string pathAndQuery, string? kind, string? queue, int asked)
    {
        var request = new HttpClientTransport().CreateRequest();
        request.Method = RequestMethod.Parse(method);
        request.Uri.Reset(new Uri("http://127.0.0.1:10001" + pathAndQuery));

        var parsed = QueueMessagesRequest.Of(request);

        Assert.Equal(kind, parsed?.Kind.ToString());
        Assert.Equal(queue, parsed?.Queue);
        Assert.Equal(asked, parsed?.Asked ?? 0);
    }
}
