using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Orchestration;
using System.Globalization;
using System.Text.RegularExpressions;
using PaymentOrchestrator.Local.Cli;
using PaymentOrchestrator.Orchestration.Onboarding;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Tests.Cli;

/// <summary>
/// <c>sales-units onboard</c> and <c>sales-units onboarding</c> against the simulator over HTTP (the one <c>run</c>
/// would start) and real Azurite.
/// </summary>
public sealed partial class OnboardCommandTests : IAsyncLifetime
{
    private readonly string _table = "onboardings" + Guid.NewGuid().ToString("N")[..10];
    private SimulatorHost _simulator = null!;
    private string[] _settings = [];

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
        _settings =
        [
            "--set", "Storage:ConnectionString=" + azurite.ConnectionString,
            "--set", "Orchestrator:OnboardingsTable=" + _table,
            "--set", "Local:Simulator:Port=" + _simulator.BaseAddress.Port.ToString(CultureInfo.InvariantCulture),
        ];
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private Task<(int Exit, string Output)> RunAsync(params string[] args) => CliRun.RunAsync([.. args, .. _settings]);

    [Fact]
    public async Task onboard_sends_the_order_and_prints_the_prefill_link_and_onboarding_shows_it_through_to_the_new_msn()
    {
        var (exit, output) = await RunAsync("sales-units", "onboard", "--org", "987654321", "--name", "Karis Kafé", "--product-type", "vipps_pa_nett",
            "--website", "https://kafe.example.no", "--terms-url", "https://kafe.example.no/terms");

        Assert.True(exit == 0, output);
        var order = Assert.Single(await _simulator.Admin.GetProductOrdersAsync());
        var id = OnboardingId().Match(output).Value;
        Assert.Contains($"Onboarding {id} sent: product order {order.Id:D} for 987654321 (VIPPS_PA_NETT).", output, StringComparison.Ordinal);
        Assert.Contains("  " + _simulator.BaseAddress + "simulator/portal/register/vippspanett/" + order.Id.ToString("D"), output, StringComparison.Ordinal);

        var (_, waiting) = await RunAsync("sales-units", "onboarding");
        Assert.Contains($"{id}  987654321  'Karis Kafé'  VIPPS_PA_NETT  Sent", waiting, StringComparison.Ordinal);
        Assert.Contains("prefill link for the merchant: " + _simulator.BaseAddress, waiting, StringComparison.Ordinal);

        // What run's maintenance job does once Vipps has completed the order.
        var msn = (await _simulator.Admin.AdvanceProductOrderAsync(order.Id.ToString("D"), "COMPLETED")).Msn;
        await FollowUpAsync();

        var (_, completed) = await RunAsync("sales-units", "onboarding");
        Assert.Contains($"{id}  987654321  'Karis Kafé'  VIPPS_PA_NETT  Completed MSN {msn}", completed, StringComparison.Ordinal);
        Assert.Contains($"Register it: sales-units sync --register {msn}", completed, StringComparison.Ordinal);
        Assert.Contains("checked 1 time(s)", completed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--name", "Kari's Kafé", "--name: salesUnitName may hold letters, digits, spaces and ( ) - _ + . only")]
    [InlineData("--org", "12345", "--org: organizationNumber is the merchant's Norwegian organisation number, nine digits; got '12345'.")]
    [InlineData("--website", "http://kafe.example.no", "--website: website must be an https:// address")]
    public async Task onboard_refuses_what_vipps_would_refuse_naming_the_option_and_sends_nothing(string option, string value, string expected)
    {
        var args = new Dictionary<string, string>
        {
            ["--org"] = "987654321", ["--name"] = "Karis Kafé", ["--product-type"] = "VIPPS_PA_NETT",
            ["--website"] = "https://kafe.example.no", ["--terms-url"] = "https://kafe.example.no/terms",
        };
        args[option] = value;

        var (exit, output) = await RunAsync(["sales-units", "onboard", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, exit);
        Assert.StartsWith(expected, output.Trim(), StringComparison.Ordinal);
        Assert.Empty(await _simulator.Admin.GetProductOrdersAsync());
        Assert.Contains("No onboardings yet", (await RunAsync("sales-units", "onboarding")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task onboard_without_a_running_simulator_says_to_start_run_and_writes_nothing()
    {
        var closed = LocalHostProcess.FreePort().ToString(CultureInfo.InvariantCulture);

        var (exit, output) = await CliRun.RunAsync(["sales-units", "onboard", "--org", "987654321", "--product-type", "VIPPS_I_KASSA",
            .. _settings.Select(s => s.StartsWith("Local:Simulator:Port=", StringComparison.Ordinal) ? "Local:Simulator:Port=" + closed : s)]);

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Could not read the merchant's sales units at Vipps (no answer); nothing was sent.", line, StringComparison.Ordinal);
        Assert.EndsWith($"start the host first (run).", line, StringComparison.Ordinal);
        Assert.Contains("No onboardings yet", (await RunAsync("sales-units", "onboarding")).Output, StringComparison.Ordinal);
    }

    private async Task FollowUpAsync()
    {
        var (configuration, _) = CliVipps.Configuration([.. _settings.Where(s => s != "--set").Select(s => "--" + s)]);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaymentOrchestrator(configuration);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MerchantOnboarding>().FollowUpAsync(TimeSpan.FromDays(30));
    }

    [GeneratedRegex("ob-[0-9]{8}-[0-9]{6}-[0-9a-f]{6}")]
    private static partial Regex OnboardingId();
}
