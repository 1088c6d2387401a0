using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Contracts;

public sealed class EpaymentContractTests : SimulatorTest
{
    private static OpenApiContract Spec => OpenApiContract.Epayment;

    [Fact]
    public void the_contract_rejects_a_body_that_breaks_the_schema()
    {
        var errors = Spec.Validate("GetPaymentResponse", """{"state":"NOT_A_STATE","reference":"x"}""");

        Assert.NotEmpty(errors);
    }

    [Fact]
    public async Task accepted_create_request_and_its_response_match_the_spec()
    {
        using var caller = VippsCaller.Partner(Host);
        var request = Payments.CreateBody(Payments.NewReference());
        request["customer"] = new JsonObject { ["phoneNumber"] = "4791234567" };
        request["metadata"] = new JsonObject { ["orderId"] = "o-1" };
        Spec.AssertValid("CreatePaymentRequest", request.ToJsonString());

        using var response = await caller.PostAsync("epayment/v1/payments", request, Payments.NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Spec.AssertValid("CreatePaymentResponse", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task get_payment_matches_the_spec_in_every_state()
    {
        using var caller = VippsCaller.Partner(Host);
        var created = await Payments.CreateAsync(caller);
        var authorized = await Payments.CreateAuthorizedAsync(Host, caller);
        var expired = await Payments.CreateAsync(caller);
        await Host.Admin.ExpirePaymentAsync(caller.Msn!, expired);

        foreach (var reference in new[] { created, authorized, expired })
        {
            using var response = await caller.GetAsync($"epayment/v1/payments/{reference}");
            Spec.AssertValid("GetPaymentResponse", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task capture_refund_and_cancel_requests_and_responses_match_the_spec()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        var capture = Payments.Modification(6000);
        var refund = Payments.Modification(1000);
        Spec.AssertValid("CaptureModificationRequest", capture.ToJsonString());
        Spec.AssertValid("RefundModificationRequest", refund.ToJsonString());

        using var captured = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", capture, Payments.NewKey());
        using var refunded = await caller.PostAsync($"epayment/v1/payments/{reference}/refund", refund, Payments.NewKey());
        using var cancelled = await caller.PostAsync($"epayment/v1/payments/{reference}/cancel", null, Payments.NewKey());

        foreach (var response in new[] { captured, refunded, cancelled })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Spec.AssertValid("ModificationResponse", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task the_event_log_matches_the_spec()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAuthorizedAsync(Host, caller, 10000);
        using var capture = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(10000), Payments.NewKey());

        using var response = await caller.GetAsync($"epayment/v1/payments/{reference}/events");

        Spec.AssertValid("PaymentEvent", await response.Content.ReadAsStringAsync(), array: true);
    }

    [Fact]
    public async Task error_bodies_match_the_problem_schema()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);

        using var notFound = await caller.GetAsync("epayment/v1/payments/does-not-exist-1");
        using var refused = await caller.PostAsync($"epayment/v1/payments/{reference}/capture", Payments.Modification(100), Payments.NewKey());

        Spec.AssertValid("Problem", await notFound.Content.ReadAsStringAsync());
        Spec.AssertValid("Problem", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_epayment_webhook_payload_matches_the_spec()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var caller = VippsCaller.Partner(Host);
        await Support.Webhooks.RegisterAsync(caller, receiver.BaseAddress, "epayments.payment.created.v1", "epayments.payment.authorized.v1");

        await Payments.CreateAuthorizedAsync(Host, caller);

        foreach (var webhook in await receiver.WaitForAsync(2))
        {
            Spec.AssertValid("WebhookEvent", webhook.Body);
        }
    }
}
