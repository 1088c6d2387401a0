using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Webhooks;

public sealed class WebhookDeliveryTests : SimulatorTest
{
    protected override SimulatorOptions Options => new()
    {
        RateLimitsEnabled = false,
        WebhookRetryDelay = TimeSpan.FromMilliseconds(50),
        WebhookMaxRetryDelay = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task a_direct_capture_units_payment_sends_the_authorized_then_the_captured_webhook_for_the_whole_amount()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var caller = VippsCaller.Partner(Host, SimulatorDefaults.DirectCaptureMsn);
        await Support.Webhooks.RegisterAsync(caller, receiver.BaseAddress, "epayments.payment.authorized.v1", "epayments.payment.captured.v1");

        await Payments.CreateAuthorizedAsync(Host, caller, 12300);
        var received = await receiver.WaitForAsync(2);

        var bodies = received.Select(r => JsonNode.Parse(r.Body)!).ToArray();
        Assert.Equal(["AUTHORIZED", "CAPTURED"], bodies.Select(b => b["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(bodies, b => Assert.Equal(12300, b["amount"]!["value"]!.GetValue<long>()));
    }

    [Fact]
    public async Task an_authorized_payment_is_delivered_with_the_epayment_payload()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var caller = VippsCaller.Partner(Host);
        await Support.Webhooks.RegisterAsync(caller, new Uri(receiver.BaseAddress, "hooks/vipps"), "epayments.payment.authorized.v1");

        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 12300);
        var received = await receiver.WaitForAsync(1);

        var body = JsonNode.Parse(received.Single().Body)!;
        Assert.Equal(SimulatorDefaults.NorwayMsn, body["msn"]!.GetValue<string>());
        Assert.Equal(reference, body["reference"]!.GetValue<string>());
        Assert.Equal("AUTHORIZED", body["name"]!.GetValue<string>());
        Assert.Equal(12300, body["amount"]!["value"]!.GetValue<long>());
        Assert.True(body["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task the_signature_verifies_with_the_documented_algorithm()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var caller = VippsCaller.Partner(Host);
        var url = new Uri(receiver.BaseAddress, "hooks/vipps?tenant=a");
        var (_, secret) = await Support.Webhooks.RegisterAsync(caller, url, "epayments.payment.created.v1");

        await Payments.CreateAsync(caller);
        var webhook = (await receiver.WaitForAsync(1)).Single();

        // The receiver side of WH-doc request-authentication.md, written independently of the simulator.
        var contentHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(webhook.Body)));
        Assert.Equal(contentHash, webhook.Headers["x-ms-content-sha256"]);
        var stringToSign = $"POST\n{url.PathAndQuery}\n{webhook.Headers["x-ms-date"]};{url.Authority};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));
        Assert.Equal($"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}", webhook.Headers["authorization"]);
        Assert.Equal("/hooks/vipps?tenant=a", webhook.PathAndQuery);
        Assert.True(DateTimeOffset.TryParseExact(webhook.Headers["x-ms-date"], "R", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
    }

    [Fact]
    public async Task events_arrive_in_order_per_registration()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var caller = VippsCaller.Partner(Host);
        await Support.Webhooks.RegisterAsync(caller, receiver.BaseAddress,
            "epayments.payment.created.v1", "epayments.payment.authorized.v1", "epayments.payment.captured.v1", "epayments.payment.refunded.v1");
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        using var capture = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(10000), Payments.NewKey());
        using var refund = await caller.PostAsync($"epayment/v1/payments/{reference}/refund", Payments.Modification(500), Payments.NewKey());

        var received = await receiver.WaitForAsync(4);

        Assert.Equal(["CREATED", "AUTHORIZED", "CAPTURED", "REFUNDED"], received.Select(r => JsonNode.Parse(r.Body)!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task a_failing_endpoint_is_retried_and_later_events_wait_for_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 3);
        using var caller = VippsCaller.Partner(Host);
        await Support.Webhooks.RegisterAsync(caller, receiver.BaseAddress, "epayments.payment.created.v1", "epayments.payment.authorized.v1");

        await Payments.CreateAuthorizedAsync(Host, caller);
        var received = await receiver.WaitForAsync(2);

        Assert.Equal(["CREATED", "AUTHORIZED"], received.Select(r => JsonNode.Parse(r.Body)!["name"]!.GetValue<string>()));
        Assert.Equal(5, receiver.Attempts);
        Assert.Equal(2, (await Host.Admin.GetCountersAsync()).WebhookDeliveries);
    }

    [Fact]
    public async Task a_failing_delivery_holds_back_only_its_own_payment_not_the_others()
    {
        var failing = true;
        string? stuck = null;
        await using var receiver = await WebhookReceiver.StartAsync(failWhen: body => Volatile.Read(ref failing) && stuck is not null && body.Contains(stuck, StringComparison.Ordinal));
        using var caller = VippsCaller.Partner(Host);
        await Support.Webhooks.RegisterAsync(caller, receiver.BaseAddress, "epayments.payment.created.v1", "epayments.payment.authorized.v1");

        // The first payment's events fail (and are retried); the second payment's arrive meanwhile.
        stuck = "order-stuck-" + Guid.NewGuid().ToString("N")[..8];
        using (var create = await caller.PostAsync("epayment/v1/payments", Payments.CreateBody(stuck), Payments.NewKey()))
        {
            Assert.True(create.IsSuccessStatusCode);
        }

        await Host.Admin.ApprovePaymentAsync(SimulatorDefaults.NorwayMsn, stuck);
        var other = await Payments.CreateAuthorizedAsync(Host, caller);
        var others = await receiver.WaitForAsync(2, r => r.Body.Contains(other, StringComparison.Ordinal));
        Assert.Equal(["CREATED", "AUTHORIZED"], others.Select(r => JsonNode.Parse(r.Body)!["name"]!.GetValue<string>()));
        Assert.DoesNotContain(receiver.Received, r => r.Body.Contains(stuck, StringComparison.Ordinal));

        // Once the endpoint recovers, the held-back payment's events arrive, still in their order.
        Volatile.Write(ref failing, false);
        var late = await receiver.WaitForAsync(2, r => r.Body.Contains(stuck, StringComparison.Ordinal));
        Assert.Equal(["CREATED", "AUTHORIZED"], late.Select(r => JsonNode.Parse(r.Body)!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task a_partner_wide_registration_receives_events_from_every_linked_msn()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var partnerWide = VippsCaller.Partner(Host, msn: null);
        await Support.Webhooks.RegisterAsync(partnerWide, receiver.BaseAddress, "epayments.payment.created.v1");
        using var norway = VippsCaller.Partner(Host, SimulatorDefaults.NorwayMsn);
        using var finland = VippsCaller.Partner(Host, SimulatorDefaults.FinlandMsn);

        await Payments.CreateAsync(norway);
        await Payments.CreateAsync(finland, 100, "EUR");
        var received = await receiver.WaitForAsync(2);

        Assert.Equal(
            new[] { SimulatorDefaults.NorwayMsn, SimulatorDefaults.FinlandMsn }.Order(),
            received.Select(r => JsonNode.Parse(r.Body)!["msn"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task a_per_msn_registration_ignores_other_sales_units()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var finland = VippsCaller.Partner(Host, SimulatorDefaults.FinlandMsn);
        await Support.Webhooks.RegisterAsync(finland, receiver.BaseAddress, "epayments.payment.created.v1");
        using var norway = VippsCaller.Partner(Host, SimulatorDefaults.NorwayMsn);

        await Payments.CreateAsync(norway);
        await Payments.CreateAsync(finland, 100, "EUR");
        var received = await receiver.WaitForAsync(1);
        await Task.Delay(200);

        Assert.Equal([SimulatorDefaults.FinlandMsn], receiver.Received.Select(r => JsonNode.Parse(r.Body)!["msn"]!.GetValue<string>()));
    }

    [Fact]
    public async Task a_partner_wide_registration_does_not_receive_events_of_an_unlinked_sales_unit()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var partnerWide = VippsCaller.Partner(Host, msn: null);
        await Support.Webhooks.RegisterAsync(partnerWide, receiver.BaseAddress, "epayments.payment.created.v1");
        using var unlinked = VippsCaller.Merchant(Host, SimulatorDefaults.UnlinkedMsn);
        using var norway = VippsCaller.Partner(Host, SimulatorDefaults.NorwayMsn);

        await Payments.CreateAsync(unlinked);
        await Payments.CreateAsync(norway);
        await receiver.WaitForAsync(1);
        await Task.Delay(200);

        Assert.Equal([SimulatorDefaults.NorwayMsn], receiver.Received.Select(r => JsonNode.Parse(r.Body)!["msn"]!.GetValue<string>()));
    }

    [Fact]
    public async Task recurring_events_are_delivered_for_an_activated_agreement()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var caller = VippsCaller.Partner(Host);
        await Support.Webhooks.RegisterAsync(caller, receiver.BaseAddress, "recurring.agreement-activated.v1");

        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var body = JsonNode.Parse((await receiver.WaitForAsync(1)).Single().Body)!;

        Assert.Equal(agreementId, body["agreementId"]!.GetValue<string>());
        Assert.Equal("recurring.agreement-activated.v1", body["eventType"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_deleted_registration_receives_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var caller = VippsCaller.Partner(Host);
        var (id, _) = await Support.Webhooks.RegisterAsync(caller, receiver.BaseAddress, "epayments.payment.created.v1");
        using var delete = await caller.SendAsync(HttpMethod.Delete, $"webhooks/v1/webhooks/{id}");

        await Payments.CreateAsync(caller);
        await Task.Delay(300);

        Assert.Empty(receiver.Received);
    }
}
