using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Contracts;

public sealed class TestModeContractTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { Mode = SimulatorMode.Test, RateLimitsEnabled = false };

    [Fact]
    public async Task an_accepted_force_approve_request_matches_the_spec()
    {
        using var caller = VippsCaller.Merchant(Host);
        var reference = await Payments.CreateAsync(caller);
        var request = new JsonObject { ["customer"] = new JsonObject { ["phoneNumber"] = "4791234567" } };
        OpenApiContract.Epayment.AssertValid("ForceApprove", request.ToJsonString());

        using var response = await caller.PostAsync($"epayment/v1/test/payments/{reference}/approve", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task an_accepted_force_accept_request_matches_the_spec()
    {
        using var caller = VippsCaller.Merchant(Host);
        var agreementId = (await Agreements.DraftAsync(caller))["agreementId"]!.GetValue<string>();
        var request = new JsonObject { ["phoneNumber"] = "4791234567" };
        OpenApiContract.Recurring.AssertValid("ForceAcceptAgreementV3", request.ToJsonString());

        using var response = await caller.SendAsync(HttpMethod.Patch, $"recurring/v3/agreements/{agreementId}/accept", request, Payments.NewKey());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
