using Azure.Core;
using Azure.Core.Pipeline;

namespace PaymentOrchestrator.Local.Tests.Queues;

/// <summary>Azure.Core's transport, counting the receives (GET of a queue's messages, not a peek) sent through it and answered.</summary>
internal sealed class ReceiveCountingTransport : HttpPipelineTransport
{
    private readonly HttpPipelineTransport _inner = new HttpClientTransport();
    private int _receives;
    private int _answered;

    public int Receives => Volatile.Read(ref _receives);

    public int Answered => Volatile.Read(ref _answered);

    public override Request CreateRequest() => _inner.CreateRequest();

    public override void Process(HttpMessage message)
    {
        var receive = IsReceive(message);
        Count(receive, ref _receives);
        _inner.Process(message);
        Count(receive, ref _answered);
    }

    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        var receive = IsReceive(message);
        Count(receive, ref _receives);
        await _inner.ProcessAsync(message);
        Count(receive, ref _answered);
    }

    /// <summary>Waits until <paramref name="count"/> receives have been answered.</summary>
    public async Task AnsweredAsync(int count)
    {
        for (var i = 0; i < 3000 && Answered < count; i++)
        {
            await Task.Delay(10);
        }

        Assert.True(Answered >= count, $"{count} receives answered expected, {Answered} were.");
    }

    private static void Count(bool receive, ref int counter)
    {
        if (receive)
        {
            Interlocked.Increment(ref counter);
        }
    }

    private static bool IsReceive(HttpMessage message) =>
        message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal)
        && !message.Request.Uri.Query.Contains("peekonly", StringComparison.Ordinal);
}
