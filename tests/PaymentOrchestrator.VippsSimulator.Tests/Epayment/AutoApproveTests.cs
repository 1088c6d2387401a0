using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Epayment;

public sealed class AutoApproveTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { AutoApproveAfter = TimeSpan.FromSeconds(30), RateLimitsEnabled = false };

    [Fact]
    public async Task auto_approve_authorizes_a_payment_once_the_delay_has_passed()
    {
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);
        Assert.Equal("CREATED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(31));

        Assert.Equal("AUTHORIZED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task auto_approve_can_be_switched_off_at_runtime()
    {
        await Host.Admin.UpdateSettingsAsync(new SimulatorSettingsUpdate { DisableAutoApprove = true });
        using var caller = VippsCaller.Partner(Host);
        var reference = await Payments.CreateAsync(caller);

        await Host.Admin.AdvanceClockAsync(TimeSpan.FromSeconds(31));

        Assert.Equal("CREATED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }
}
