using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Functions.Tests.Support;
using PaymentOrchestrator.Orchestration.Onboarding;

namespace PaymentOrchestrator.Functions.Tests;

/// <summary>
/// The maintenance orchestration on the in-process Durable engine follows a merchant's onboarding against the
/// simulator: once the simulator's admin completes the product order, the new linked sales unit completes it.
/// </summary>
public sealed class OnboardingMaintenanceTests
{
    [Fact]
    public async Task the_maintenance_job_completes_an_onboarding_with_the_msn_once_vipps_completes_the_order()
    {
        await using var h = await DurableHarness.StartAsync(TimeSpan.FromMinutes(10), new Dictionary<string, string?>
        {
            ["Maintenance:Interval"] = "00:00:01",
            ["Maintenance:OnboardingPollInterval"] = "00:00:01",
        });
        var onboarding = h.Get<MerchantOnboarding>();
        var started = (await onboarding.StartAsync(new OnboardingForm
        {
            OrganizationNumber = "987654321", SalesUnitName = "Karis Kafe", ProductType = "VIPPS_PA_NETT",
            Website = "https://kafe.example.no", TermsUrl = "https://kafe.example.no/terms",
        })).Onboarding!;
        Assert.Equal(OnboardingStatus.Sent, started.Status);
        Assert.True(await MaintenanceStarter.EnsureStartedAsync(h.Client));

        // While Vipps processes the order, the job only counts its checks.
        await DurableHarness.EventuallyAsync(async () => (await onboarding.ListAsync()).Single().Checks >= 2, "two checks of the order");
        Assert.Equal(OnboardingStatus.Sent, (await onboarding.ListAsync()).Single().Status);

        var completed = await h.Simulator.Admin.AdvanceProductOrderAsync(started.OrderId!, "COMPLETED");

        await DurableHarness.EventuallyAsync(async () => (await onboarding.ListAsync()).Single().Status == OnboardingStatus.Completed, "the onboarding completed");
        var done = (await onboarding.ListAsync()).Single();
        Assert.Equal(completed.Msn, done.Msn);
        Assert.Equal([OnboardingStatus.Sending, OnboardingStatus.Sent, OnboardingStatus.Completed], done.History.Select(s => s.Status));
    }
}
