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
    [InlineData("GET", "/devstoreaccount1/hub-control-00/messages?numofmessages=32&visibilitytimeout=10", "Receive", "hub-control-00")]
    [InlineData("GET", "/hub-workitems/messages?numofmessages=1", "Receive", "hub-workitems")]
    [InlineData("POST", "/devstoreaccount1/hub-control-00/messages", "VisibleSend", "hub-control-00")]
    [InlineData("POST", "/devstoreaccount1/hub-control-00/messages?visibilitytimeout=0&messagettl=-1", "VisibleSend", "hub-control-00")]
    [InlineData("POST", "/devstoreaccount1/hub-control-00/messages?visibilitytimeout=5", null, null)]
    [InlineData("GET", "/devstoreaccount1/hub-control-00/messages?numofmessages=32&peekonly=true", null, null)]
    [InlineData("DELETE", "/devstoreaccount1/hub-control-00/messages/1b2c?popreceipt=x", null, null)]
    [InlineData("PUT", "/devstoreaccount1/hub-control-00/messages/1b2c?popreceipt=x&visibilitytimeout=0", null, null)]
    [InlineData("GET", "/devstoreaccount1/hub-control-00/messages?comp=acl", null, null)]
    [InlineData("GET", "/messages", null, null)]
    public void requests_are_told_apart_by_method_path_and_query(string method, string pathAndQuery, string? kind, string? queue)
    {
        var request = new HttpClientTransport().CreateRequest();
        request.Method = RequestMethod.Parse(method);
        request.Uri.Reset(new Uri("http://127.0.0.1:10001" + pathAndQuery));

        var parsed = QueueMessagesRequest.Of(request);

        Assert.Equal(kind, parsed?.Kind.ToString());
        Assert.Equal(queue, parsed?.Queue);
    }
}
