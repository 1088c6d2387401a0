using System.Text.Json;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.Vipps.Webhooks;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Vipps.Tests.Webhooks;

public class WebhooksClientTests
{
    private static readonly MerchantSerialNumber Msn = VippsTestHost.Norway;

    [Fact]
    public async Task a_webhook_is_registered_listed_and_deleted_for_one_sales_unit()
    {
        await using var host = await VippsTestHost.StartAsync();
        var url = new Uri("https://example.com/vipps/webhooks");

        var registered = await host.Webhooks.RegisterWebhookAsync(Msn, new RegisterWebhookRequest { Url = url, Events = [WebhookEventNames.PaymentCaptured] });
        Assert.NotEqual(Guid.Empty, registered.Id);
        Assert.False(registered.Secret.IsEmpty);

        var listed = Assert.Single(await host.Webhooks.ListWebhooksAsync(Msn), w => w.Id == registered.Id);
        Assert.Equal(url, listed.Url);
        Assert.Equal([WebhookEventNames.PaymentCaptured], listed.Events);

        await host.Webhooks.DeleteWebhookAsync(Msn, registered.Id);
        Assert.DoesNotContain(await host.Webhooks.ListWebhooksAsync(Msn), w => w.Id == registered.Id);
    }

    [Fact]
    public async Task a_partner_wide_webhook_is_registered_without_an_msn()
    {
        await using var host = await VippsTestHost.StartAsync();

        var registered = await host.Webhooks.RegisterWebhookAsync(null, new RegisterWebhookRequest { Url = new Uri("https://example.com/all"), Events = WebhookEventNames.AllPaymentEvents });

        Assert.Contains(await host.Webhooks.ListWebhooksAsync(null), w => w.Id == registered.Id);
        var request = host.Recorder.Requests.First(r => r.Path == "/webhooks/v1/webhooks" && r.Method == "POST");
        Assert.Null(request.Header("Merchant-Serial-Number"));
        Assert.Null(request.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task a_registration_is_not_retried_after_an_ambiguous_failure()
    {
        await using var host = await VippsTestHost.StartAsync();
        await host.Admin.AddFaultAsync(new FaultRule { Route = "webhooks.register", Kind = FaultKind.Error, Status = 503, Count = 1 });

        var e = await Assert.ThrowsAsync<VippsApiException>(() =>
            host.Webhooks.RegisterWebhookAsync(Msn, new RegisterWebhookRequest { Url = new Uri("https://example.com/x"), Events = [WebhookEventNames.PaymentCreated] }));

        Assert.True(e.IsTransient);
        Assert.Equal(1, (await host.Admin.GetCountersAsync()).CallsTo("webhooks.register"));
    }

    [Fact]
    public async Task a_delivered_event_verifies_with_the_registered_url_and_secret()
    {
        await using var host = await VippsTestHost.StartAsync();
        using var receiver = new WebhookReceiver();
        var registration = await host.Webhooks.RegisterWebhookAsync(Msn, new RegisterWebhookRequest { Url = receiver.Url, Events = [WebhookEventNames.PaymentAuthorized] });
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, Payments.WebRedirect(reference), Payments.NewKey("create"));

        await host.Admin.ApprovePaymentAsync(Msn.Value, reference);
        var delivery = await receiver.NextAsync(TimeSpan.FromSeconds(30));

        var result = host.Get<VippsWebhookSignatureVerifier>().Verify(
            receiver.Url, registration.Secret, delivery.Body, delivery.Header("x-ms-date"), delivery.Header("x-ms-content-sha256"), delivery.Header("Authorization"));
        Assert.True(result.IsValid, result.Reason);
        var payload = JsonSerializer.Deserialize<EpaymentWebhookEvent>(delivery.Body, VippsJson.Options)!;
        Assert.Equal(Msn, payload.Msn);
        Assert.Equal(reference, payload.Reference);
        Assert.Equal(PaymentEventName.Authorized, payload.Name);
        Assert.True(payload.Success);

        var tampered = host.Get<VippsWebhookSignatureVerifier>().Verify(
            receiver.Url, new Secret("another-secret"), delivery.Body, delivery.Header("x-ms-date"), delivery.Header("x-ms-content-sha256"), delivery.Header("Authorization"));
        Assert.Equal(WebhookSignatureFailure.SignatureMismatch, tampered.Failure);
    }

    [Fact]
    public async Task a_plain_http_url_outside_loopback_is_refused_before_any_request()
    {
        await using var host = await VippsTestHost.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Webhooks.RegisterWebhookAsync(Msn, new RegisterWebhookRequest { Url = new Uri("http://example.com/x"), Events = [WebhookEventNames.PaymentCreated] }));

        Assert.Empty(host.Recorder.Requests);
    }
}
