using PaymentOrchestrator.Local.Configuration;
using System.Text;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Local.Events;
using PaymentOrchestrator.Local.Queues;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.EndToEnd.Tests.Delivery;

public sealed class PoisonMessageTests
{
    private const string Msn = TestHost.Msn;

    [Fact]
    public async Task refused_messages_land_on_the_poison_queues_with_their_reasons_and_the_original_kept()
    {
        await using var h = await TestHost.StartAsync();

        const string garbage = "{ this is not json";
        await h.PaymentRequests.SendMessageAsync(garbage);
        var malformed = await h.PoisonedAsync(h.PaymentRequests, p => p.OriginalMessage == garbage);
        Assert.Equal("MalformedJson", malformed.Reason);
        Assert.Equal(h.PaymentRequests.Name, malformed.Queue);
        Assert.False(string.IsNullOrWhiteSpace(malformed.Description));

        var stranger = new EventFactory(TimeProvider.System, "webshop/stranger");
        var notBound = TestHost.NewReference("stranger");
        await h.SendAsync(h.PaymentRequests, stranger.PaymentRequested(Msn, notBound, 10_000, "NOK"));
        var refused = await h.PoisonedAsync(h.PaymentRequests, p => p.OriginalMessage.Contains(notBound, StringComparison.Ordinal));
        Assert.Equal("SourceNotBound", refused.Reason);

        // The demo's webshop source is bound but may not refund (its rights: payments, captures, cancels, agreements, charges).
        var webshopRefund = TestHost.NewReference("shoprefund");
        await h.SendAsync(h.RefundRequests, h.Webshop.PaymentRefundRequested(Msn, webshopRefund, "r-1", 1_000, "NOK", "Goodwill", "shop@shop.example"));
        var notPermitted = await h.PoisonedAsync(h.RefundRequests, p => p.OriginalMessage.Contains(webshopRefund, StringComparison.Ordinal));
        Assert.Equal("source-not-permitted", notPermitted.Reason);
        Assert.Contains("webshop/demo", notPermitted.Description, StringComparison.Ordinal);

        // … and finance may not place orders.
        var financeOrder = TestHost.NewReference("finorder");
        await h.SendAsync(h.PaymentRequests, new EventFactory(TimeProvider.System, LocalDefaults.FinanceSource).PaymentRequested(Msn, financeOrder, 10_000, "NOK"));
        Assert.Equal("source-not-permitted", (await h.PoisonedAsync(h.PaymentRequests, p => p.OriginalMessage.Contains(financeOrder, StringComparison.Ordinal))).Reason);

        var wrongQueue = TestHost.NewReference("wrongq");
        await h.SendAsync(h.RefundRequests, h.Webshop.PaymentRequested(Msn, wrongQueue, 10_000, "NOK"));
        Assert.Equal("WrongQueue", (await h.PoisonedAsync(h.RefundRequests, p => p.OriginalMessage.Contains(wrongQueue, StringComparison.Ordinal))).Reason);

        // Nothing reached Vipps for any of them.
        Assert.Equal(0, (await h.Admin.GetCountersAsync()).CallsTo("epayment.create"));
    }

    [Fact]
    public async Task an_event_for_an_unregistered_sales_unit_is_poisoned_and_applies_when_replayed_after_registration()
    {
        await using var h = await TestHost.StartAsync();
        var reference = TestHost.NewReference("replay");
        const string denmark = "223344";

        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentRequested(denmark, reference, 10_000, "DKK"));
        var poisoned = await h.PoisonedAsync(h.PaymentRequests, p => p.OriginalMessage.Contains(reference, StringComparison.Ordinal));
        Assert.Equal("UnknownSalesUnit", poisoned.Reason);
        Assert.Contains(denmark, poisoned.Description, StringComparison.Ordinal);

        var salesUnits = (SalesUnitStore)h.Host.Services.GetService(typeof(SalesUnitStore))!;
        await salesUnits.RegisterAsync(new SalesUnitRegistration(Domain.Values.Msn.Create(denmark).Value, "Danish shop", Market.Denmark,
            VippsEnvironment.Production, "partner", ["webshop/demo"]));
        Assert.Equal(1, await new DeadLetterQueues(h.Queues).ReplayAsync(h.PaymentRequests.Name));

        var key = SagaKey.Payment(Domain.Values.Msn.Create(denmark).Value, PaymentReference.Create(reference).Value);
        await h.EventuallyAsync(key, v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer after replay");
        var poisonQueues = await new DeadLetterQueues(h.Queues).ListAsync([h.PaymentRequests.Name]);
        Assert.Equal(0, poisonQueues[0].Count);
    }

    [Fact]
    public async Task a_message_that_is_not_utf8_keeps_its_bytes_in_the_poison_wrapper()
    {
        await using var h = await TestHost.StartAsync();
        var bytes = new byte[] { 0xff, 0xfe, 0x00, 0x41 };
        await h.PaymentRequests.SendMessageAsync(BinaryData.FromBytes(bytes));

        var poisoned = await h.PoisonedAsync(h.PaymentRequests, p => p.OriginalEncoding == "base64");
        Assert.Equal(bytes, poisoned.Original().ToArray());
        Assert.False(string.IsNullOrEmpty(Encoding.UTF8.GetString(poisoned.ToBinary().ToArray())));
    }
}
