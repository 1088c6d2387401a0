using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Local.Durable;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.EndToEnd.Tests.Delivery;

public sealed class EngineRoomTests
{
    [Fact]
    public async Task an_order_sent_while_every_activity_slot_waits_on_vipps_is_taken_from_the_queue_once_a_slot_is_free()
    {
        await using var h = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Local:Durable:MaxConcurrentActivities"] = "1",
            // Polled at the shortest pause throughout, and a poll held back by a full engine waits up to 30 s.
            ["Local:Queues:IdleAfter"] = "00:10:00",
            ["Local:Queues:MaxIdleDelay"] = "00:00:30",
        });
        var slots = h.Host.Services.GetRequiredService<ActivitySlots>();
        await h.Admin.AddFaultAsync(new FaultRule { Route = "epayment.create", Kind = FaultKind.Latency, LatencyMs = 3_000, Count = 1 });

        var first = TestHost.NewReference("slow");
        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentRequested(TestHost.Msn, first, 10_000, "NOK"));
        await TestHost.EventuallyAsync(async () => (await h.Admin.GetCountersAsync()).CallsTo("epayment.create") > 0 ? "called" : null,
            "the first saga's create call at Vipps");

        Assert.Equal(1, (await h.Admin.GetCountersAsync()).CallsTo("epayment.create"));
        Assert.False(slots.Room.IsCompleted, "the first saga's create call, delayed at Vipps, holds the engine's only activity slot");
        var second = TestHost.NewReference("waits");
        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentRequested(TestHost.Msn, second, 10_000, "NOK"));

        var firstView = await h.EventuallyAsync(TestHost.PaymentKey(first), v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
        var secondView = await h.EventuallyAsync(TestHost.PaymentKey(second), v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");

        // Taken once the 3-second call had ended and freed the slot, not at the next 20 ms poll while it ran; and not lost.
        var firstAnswered = firstView.Timeline.Single(t => t is { Kind: TimelineEntryKind.Received, Type: "PaymentCreated" }).At;
        var secondReceived = secondView.Timeline.MinBy(t => t.Sequence)!;
        Assert.Equal("PaymentRequested", secondReceived.Type);
        Assert.True(secondReceived.At >= firstAnswered,
            $"the second order was received at {secondReceived.At:HH:mm:ss.fff}, before the first's create call was answered at {firstAnswered:HH:mm:ss.fff}");
        Assert.Equal(0, slots.Running);
    }
}
