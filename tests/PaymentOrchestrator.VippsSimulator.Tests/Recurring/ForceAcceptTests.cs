using System.Net;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Recurring;

public sealed class ForceAcceptTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { Mode = SimulatorMode.Test, RateLimitsEnabled = false };

    [Fact]
    public async Task force_accept_activates_a_pending_agreement_in_test_mode()
    {
        using var caller = VippsCaller.Merchant(Host);
        var id = (await Agreements.DraftAsync(caller))["agreementId"]!.GetValue<string>();

        using var response = await caller.SendAsync(HttpMethod.Patch, $"recurring/v3/agreements/{id}/accept", new JsonObject { ["phoneNumber"] = "4791234567" }, Payments.NewKey());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("ACTIVE", (await Agreements.GetAsync(caller, id))["status"]!.GetValue<string>());
    }
}
