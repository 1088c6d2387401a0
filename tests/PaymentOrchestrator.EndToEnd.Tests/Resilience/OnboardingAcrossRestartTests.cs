using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.EndToEnd.Tests.Resilience;

/// <summary>
/// An onboarding started through <c>run</c>'s API survives the host being killed: its state is in Table Storage and
/// the maintenance orchestration of the next <c>run</c> follows it to the new MSN. The simulator runs outside the
/// host here, so Vipps completes the order while no host is running.
/// </summary>
public sealed class OnboardingAcrossRestartTests
{
    private const string PartnerKey = "partner-key-0123456789abcdef";

    [Fact]
    public async Task an_onboarding_started_before_the_host_was_killed_completes_with_the_msn_after_a_restart()
    {
        var azurite = await SharedAzurite.GetAsync();
        await using var vipps = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
        var settings = LocalHostProcess.SettingsFor(azurite.ConnectionString, vipps.BaseAddress, Guid.NewGuid().ToString("N")[..10]);
        settings["Local:ApiKeys:1:Name"] = "partner-admin";
        settings["Local:ApiKeys:1:Key"] = PartnerKey;
        settings["Local:ApiKeys:1:Source"] = "ops/partner";
        settings["Local:ApiKeys:1:ManagesSalesUnits"] = "true";
        settings["Maintenance:Interval"] = "00:00:01";
        settings["Maintenance:OnboardingPollInterval"] = "00:00:01";
        var port = LocalHostProcess.FreePort();

        var first = await LocalHostProcess.StartAsync(settings, port, TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = first.BaseAddress };
        http.DefaultRequestHeaders.Add("x-api-key", PartnerKey);
        using var started = await http.PostAsJsonAsync("api/sales-units/onboarding", new
        {
            organizationNumber = "987654321", salesUnitName = "Karis Kafé", productType = "VIPPS_PA_NETT",
            website = "https://kafe.example.no", termsUrl = "https://kafe.example.no/terms",
        });
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await first.KillAsync();
        await first.DisposeAsync();

        var order = Assert.Single(await vipps.Admin.GetProductOrdersAsync());
        var msn = (await vipps.Admin.AdvanceProductOrderAsync(order.Id.ToString("D"), "COMPLETED")).Msn;

        await using var second = await LocalHostProcess.StartAsync(settings, port, TimeSpan.FromSeconds(60));
        JsonElement onboarding = default;
        await TestHost.EventuallyAsync(async () =>
        {
            onboarding = (await http.GetFromJsonAsync<JsonElement>("api/sales-units/onboarding")).GetProperty("onboardings").EnumerateArray().Single();
            return onboarding.GetProperty("status").GetString() == "Completed" ? "completed" : null;
        }, "the onboarding completed after the restart");

        Assert.Equal((id, msn), (onboarding.GetProperty("id").GetString(), onboarding.GetProperty("msn").GetString()));
        Assert.Equal("Register it: sales-units sync --register " + msn, onboarding.GetProperty("next").GetString());
        Assert.Single(await vipps.Admin.GetProductOrdersAsync());
        Assert.Empty(second.Errors);
    }
}
