using System.Text;
using Azure.Messaging.ServiceBus;
using PaymentOrchestrator.Api.DeadLetters;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Testing.ServiceBus;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Functions.Tests;

/// <summary>
/// <see cref="ServiceBusDeadLetters"/> over the in-memory Service Bus: what the API's routes cannot see (locks, message
/// ids, the dead-letter properties of a replayed copy). The routes themselves are in the API conformance suite.
/// </summary>
public sealed class ServiceBusDeadLettersTests
{
    private const string Queue = OrchestratorNames.RefundRequestsQueue;
    private const string Msn = SimulatorDefaults.NorwayMsn;

    private readonly InMemoryServiceBus _bus = new();

    [Fact]
    public async Task listing_peeks_the_dead_letters_with_reason_owner_and_original_and_locks_none()
    {
        var original = Events.RefundRequested(Msn, "order-1", "r-1", 100);
        var id = _bus.DeadLetter(Queue, BinaryData.FromBytes(original), "MaxDeliveryCountExceeded", "Ten deliveries failed.");

        var listing = Assert.Single(await new ServiceBusDeadLetters(_bus).ListAsync(CancellationToken.None), l => l.Queue == Queue);

        Assert.Equal(InMemoryServiceBus.DeadLetterPath(Queue), listing.DeadLetterQueue);
        var letter = Assert.Single(listing.Messages);
        Assert.Equal((id, Msn), (letter.OriginalMessageId, letter.Msn));
        var view = Assert.IsType<DeadLetterView>(letter.View);
        Assert.Equal(("MaxDeliveryCountExceeded", "Ten deliveries failed.", Encoding.UTF8.GetString(original)), (view.Reason, view.Description, view.Original));
        await using var receiver = _bus.CreateReceiver(Queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.Single(await receiver.ReceiveMessagesAsync(10));
    }

    [Fact]
    public async Task replay_sends_the_picked_letter_back_under_a_new_id_without_its_reason_and_releases_the_others()
    {
        var original = Events.RefundRequested(Msn, "order-2", "r-2", 100);
        var picked = _bus.DeadLetter(Queue, BinaryData.FromBytes(original), "Rejected", "Refused.");
        var left = _bus.DeadLetter(Queue, BinaryData.FromBytes(Events.RefundRequested(Msn, "order-3", "r-3", 100)), "Rejected", "Refused.");
        var deadLetters = new ServiceBusDeadLetters(_bus);

        var replayed = await deadLetters.ReplayAsync(Queue, l => l.OriginalMessageId == picked, CancellationToken.None);

        Assert.Equal(1, replayed);
        var sent = Assert.Single(_bus.Messages(Queue));
        Assert.StartsWith(picked + "/replay-", sent.MessageId, StringComparison.Ordinal);
        Assert.Equal((null, null), (sent.DeadLetterReason, sent.DeadLetterErrorDescription));
        Assert.Equal(original, sent.Body.ToArray());
        Assert.Equal([left], _bus.DeadLetters(Queue).Select(m => m.MessageId));

        // The one left was abandoned, not kept locked: the next replay receives it.
        Assert.Equal(1, await deadLetters.ReplayAsync(Queue, _ => true, CancellationToken.None));
        Assert.Empty(_bus.DeadLetters(Queue));
    }
}
