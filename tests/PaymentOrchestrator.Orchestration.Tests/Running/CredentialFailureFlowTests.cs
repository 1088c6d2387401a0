using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.Running;

/// <summary>
/// A sales unit whose keys cannot move money (management keys mapped to it by hand) on the real engine: the payment is
/// never sent, and the person who looks at it reads that, not that Vipps refused it.
/// </summary>
public sealed class CredentialFailureFlowTests
{
    [Fact]
    public async Task a_payment_for_a_unit_mapped_to_keys_that_cannot_move_money_needs_attention_as_not_sent()
    {
        await using var h = await SagaHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Vipps:KeySets:management:Type"] = "Management",
            ["Vipps:KeySets:management:Environment"] = "Production",
            ["Vipps:KeySets:management:ClientId"] = SimulatorDefaults.ManagementClientId,
            ["Vipps:KeySets:management:ClientSecret"] = SimulatorDefaults.ManagementClientSecret,
            ["Vipps:KeySets:management:SubscriptionKey"] = SimulatorDefaults.ManagementSubscriptionKey,
            ["Vipps:MerchantKeySets:" + SagaHarness.Msn] = "management",
        });
        var reference = Events.NewReference();

        var state = (EpaymentState)(await h.SendSettledAsync(Events.PaymentRequested(SagaHarness.Msn, reference, 10_000))).State;

        Assert.Equal(EpaymentStatus.NeedsAttention, state.Status);
        Assert.StartsWith("create was not sent to Vipps: No usable Vipps credentials", state.Core.Attention!.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("refused by Vipps", state.Core.Attention.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.create"));
    }
}
