using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Contracts;

public sealed class RecurringContractTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { RateLimitsEnabled = false, TokenLifetime = TimeSpan.FromDays(30) };

    private static OpenApiContract Spec => OpenApiContract.Recurring;

    [Fact]
    public async Task an_accepted_draft_request_and_its_response_match_the_spec()
    {
        using var caller = VippsCaller.Partner(Host);
        var request = Agreements.DraftBody(initialCharge: new JsonObject { ["amount"] = 4900, ["description"] = "First month", ["transactionType"] = "DIRECT_CAPTURE" });
        Spec.AssertValid("DraftAgreementV3", request.ToJsonString());

        using var response = await caller.PostAsync("recurring/v3/agreements", request, Payments.NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Spec.AssertValid("DraftAgreementResponseV3", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task agreements_match_the_spec_pending_active_and_stopped()
    {
        using var caller = VippsCaller.Partner(Host);
        var pending = (await Agreements.DraftAsync(caller))["agreementId"]!.GetValue<string>();
        var active = await Agreements.ActiveAsync(Host, caller);
        var stopped = await Agreements.ActiveAsync(Host, caller);
        var stop = new JsonObject { ["status"] = "STOPPED" };
        Spec.AssertValid("PatchAgreementV3", stop.ToJsonString());
        using var stopResponse = await caller.SendAsync(HttpMethod.Patch, $"recurring/v3/agreements/{stopped}", stop, Payments.NewKey());

        foreach (var id in new[] { pending, active, stopped })
        {
            using var response = await caller.GetAsync($"recurring/v3/agreements/{id}");
            Spec.AssertValid("AgreementResponseV3", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task a_variable_amount_agreement_matches_the_spec()
    {
        using var caller = VippsCaller.Partner(Host);
        var request = Agreements.DraftBody();
        request["pricing"] = new JsonObject { ["type"] = "VARIABLE", ["suggestedMaxAmount"] = 50000, ["currency"] = "NOK" };
        Spec.AssertValid("DraftAgreementV3", request.ToJsonString());
        var id = await Agreements.ActiveAsync(Host, caller, request);

        using var response = await caller.GetAsync($"recurring/v3/agreements/{id}");

        Spec.AssertValid("AgreementResponseV3", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_agreement_list_matches_the_spec()
    {
        using var caller = VippsCaller.Partner(Host);
        await Agreements.ActiveAsync(Host, caller);

        using var response = await caller.GetAsync("recurring/v3/agreements");

        Spec.AssertValid("AgreementResponseV3", await response.Content.ReadAsStringAsync(), array: true);
    }

    [Fact]
    public async Task charge_requests_and_responses_match_the_spec_through_their_lifecycle()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var create = await Agreements.ChargeBody(Host, transactionType: "RESERVE_CAPTURE", retryDays: 2);
        Spec.AssertValid("CreateChargeV3", create.ToJsonString());
        using var created = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges", create, Payments.NewKey());
        Spec.AssertValid("ChargeReference", await created.Content.ReadAsStringAsync());
        var chargeId = (await created.ReadAsync())["chargeId"]!.GetValue<string>();
        await AssertChargeValid(caller, agreementId, chargeId);

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(2));
        await AssertChargeValid(caller, agreementId, chargeId);
        var capture = new JsonObject { ["amount"] = 29900, ["description"] = "Shipped" };
        var refund = new JsonObject { ["amount"] = 1000, ["description"] = "Goodwill" };
        Spec.AssertValid("CaptureRequestV3", capture.ToJsonString());
        Spec.AssertValid("RefundRequest", refund.ToJsonString());
        using var captured = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}/capture", capture, Payments.NewKey());
        using var refunded = await caller.PostAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}/refund", refund, Payments.NewKey());

        Assert.Equal(HttpStatusCode.NoContent, refunded.StatusCode);
        await AssertChargeValid(caller, agreementId, chargeId);
        using var list = await caller.GetAsync($"recurring/v3/agreements/{agreementId}/charges");
        Spec.AssertValid("ChargeResponseV3", await list.Content.ReadAsStringAsync(), array: true);
    }

    [Fact]
    public async Task a_failed_charge_matches_the_spec()
    {
        using var caller = VippsCaller.Partner(Host);
        var agreementId = await Agreements.ActiveAsync(Host, caller);
        var chargeId = await Agreements.CreateChargeAsync(Host, caller, agreementId);
        await Host.Admin.SetChargeOutcomeAsync(caller.Msn!, chargeId, "charge_amount_too_high");

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromDays(3));

        await AssertChargeValid(caller, agreementId, chargeId);
    }

    [Fact]
    public async Task error_bodies_match_the_error_v3_schema()
    {
        using var caller = VippsCaller.Partner(Host);

        using var response = await caller.GetAsync("recurring/v3/agreements/agr_missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Spec.AssertValid("ErrorV3", await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertChargeValid(VippsCaller caller, string agreementId, string chargeId)
    {
        using var response = await caller.GetAsync($"recurring/v3/agreements/{agreementId}/charges/{chargeId}");
        Spec.AssertValid("ChargeResponseV3", await response.Content.ReadAsStringAsync());
    }
}
