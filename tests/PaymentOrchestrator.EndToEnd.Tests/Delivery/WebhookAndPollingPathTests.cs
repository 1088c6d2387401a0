using PaymentOrchestrator.EndToEnd.Tests.Support;

namespace PaymentOrchestrator.EndToEnd.Tests.Delivery;

public sealed class WebhookAndPollingPathTests
{
    private const string Msn = TestHost.Msn;

    [Fact]
    public async Task webhooks_alone_bring_a_payment_to_authorized_when_polling_is_effectively_off()
    {
        await using var h = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sagas:Epayment:Polling:FirstDelay"] = "01:00:00",
            ["Sagas:Epayment:Polling:Interval"] = "01:00:00",
            ["Sagas:Epayment:Polling:MaxInterval"] = "01:00:00",
        });
        Assert.NotNull(h.Host.WebhookUrl);
        var reference = TestHost.NewReference("webhook");

        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentRequested(Msn, reference, 15_000, "NOK"));
        // Once the saga waits for the customer with nothing left to run, its next poll is an hour away, or at the close
        // of the customer's 10-minute window (+ grace) if that is sooner.
        await h.EventuallyAsync(TestHost.PaymentKey(reference),
            v => v.Summary.Status == "AwaitingCustomer" && v.Summary.NextWakeUpAt > DateTimeOffset.UtcNow.AddMinutes(5),
            "AwaitingCustomer with the next poll minutes away");

        await h.Admin.ApprovePaymentAsync(Msn, reference);
        await h.EventuallyAsync(TestHost.PaymentKey(reference), v => v.Summary.Status == "Authorized", "Authorized via webhook", seconds: 45);
        // AUTHORIZED only: the host does not register for CREATED, which never tells a saga anything new.
        Assert.Equal(1, (await h.Admin.GetCountersAsync()).WebhookDeliveries);
    }

    [Fact]
    public async Task polling_alone_brings_a_payment_to_authorized_without_any_webhook_registration()
    {
        await using var h = await TestHost.StartAsync(new Dictionary<string, string?> { ["Local:Webhooks:Register"] = "false" });
        Assert.Null(h.Host.WebhookUrl);
        var reference = TestHost.NewReference("polling");

        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentRequested(Msn, reference, 15_000, "NOK"));
        await h.EventuallyAsync(TestHost.PaymentKey(reference), v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
        await h.Admin.ApprovePaymentAsync(Msn, reference);

        await h.EventuallyAsync(TestHost.PaymentKey(reference), v => v.Summary.Status == "Authorized", "Authorized via polling");
        Assert.Equal(0, (await h.Admin.GetCountersAsync()).WebhookDeliveries);
    }
}
