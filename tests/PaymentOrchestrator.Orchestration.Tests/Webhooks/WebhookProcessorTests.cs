using PaymentOrchestrator.Testing.Chaos;
using PaymentOrchestrator.Testing.Sagas;
using System.Text;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.Orchestration.Tests.Webhooks;

public sealed class WebhookProcessorTests
{
    private const string Msn = SagaHarness.Msn;
    private const string Secret = "webhook-secret-for-tests";
    private static readonly Uri Registered = new("https://orchestrator.example/api/vipps/webhooks");

    [Fact]
    public async Task a_signed_webhook_makes_the_saga_read_the_payment_back_at_once()
    {
        await using var h = await StartAsync();
        var reference = Events.NewReference();
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000));
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);

        var result = await SendAsync(h, Payload(reference, "AUTHORIZED"));

        var applied = Assert.IsType<WebhookApplied>(result);
        Assert.Equal(SagaHarness.PaymentKey(reference), applied.Saga);
        await h.SignalAsync(applied.Progress);
        Assert.Equal(EpaymentStatus.Authorized, ((EpaymentState)(await h.SettledAsync(applied.Saga)).State).Status);
    }

    [Fact]
    public async Task a_tampered_body_is_refused_and_changes_nothing()
    {
        await using var h = await StartAsync();
        var reference = Events.NewReference();
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000));
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        var body = Payload(reference, "AUTHORIZED");
        var (date, hash, authorization) = Sign(body, h.Clock.GetUtcNow());
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("10000", "99999", StringComparison.Ordinal));

        var result = await h.Get<WebhookProcessor>().ProcessAsync(tampered, date, hash, authorization);

        Assert.IsType<WebhookUnauthorized>(result);
        var state = (EpaymentState)(await h.Sagas.LoadAsync(SagaHarness.PaymentKey(reference)))!.State;
        Assert.Equal(EpaymentStatus.AwaitingCustomer, state.Status);
    }

    [Fact]
    public async Task a_stale_signature_is_refused()
    {
        await using var h = await StartAsync();
        var body = Payload(Events.NewReference(), "AUTHORIZED");
        var (date, hash, authorization) = Sign(body, h.Clock.GetUtcNow().AddMinutes(-30));

        var result = await h.Get<WebhookProcessor>().ProcessAsync(body, date, hash, authorization);

        Assert.IsType<WebhookUnauthorized>(result);
    }

    [Fact]
    public async Task a_correctly_signed_webhook_about_an_unknown_payment_is_ignored_not_failed()
    {
        await using var h = await StartAsync();

        var result = await SendAsync(h, Payload("unknown-ref-12345", "AUTHORIZED"));

        Assert.IsType<WebhookIgnored>(result);
    }

    [Fact]
    public async Task a_correctly_signed_webhook_with_a_property_given_twice_is_malformed_and_changes_nothing()
    {
        await using var h = await StartAsync();
        var reference = Events.NewReference();
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000));
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        var body = Encoding.UTF8.GetBytes($$"""{"msn":"{{Msn}}","reference":"{{reference}}","reference":"other-ref-12345","name":"AUTHORIZED"}""");

        var result = await SendAsync(h, body);

        Assert.Contains("reference", Assert.IsType<WebhookMalformed>(result).Reason, StringComparison.Ordinal);
        var state = (EpaymentState)(await h.Sagas.LoadAsync(SagaHarness.PaymentKey(reference)))!.State;
        Assert.Equal(EpaymentStatus.AwaitingCustomer, state.Status);
    }

    private static async Task<SagaHarness> StartAsync()
    {
        var h = await SagaHarness.StartAsync();
        h.Get<WebhookSecrets>().Add(Registered, new Secret(Secret));
        return h;
    }

    private static Task<WebhookResult> SendAsync(SagaHarness h, byte[] body)
    {
        var (date, hash, authorization) = Sign(body, h.Clock.GetUtcNow());
        return h.Get<WebhookProcessor>().ProcessAsync(body, date, hash, authorization);
    }

    private static byte[] Payload(string reference, string name) => Encoding.UTF8.GetBytes(
        $$"""{"msn":"{{Msn}}","reference":"{{reference}}","pspReference":"psp-1","name":"{{name}}","amount":{"currency":"NOK","value":10000},"timestamp":"2026-11-23T10:00:00Z","success":true}""");

    private static (string Date, string Hash, string Authorization) Sign(byte[] body, DateTimeOffset at) =>
        WebhookSignature.Sign(body, Registered, at, Secret);
}
