using System.Globalization;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Cli;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;
using PaymentOrchestrator.VippsSimulator;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Tests.Cli;

/// <summary>
/// <c>sales-units add</c> registers only what the Vipps Management API shows to our keys, as Vipps describes it;
/// <c>sales-units sync</c> follows Vipps (the simulator over HTTP, the registry on Azurite).
/// </summary>
public sealed class SalesUnitsFromManagementApiTests : IAsyncLifetime
{
    private readonly string _table = "salesunits" + Guid.NewGuid().ToString("N")[..10];
    private SimulatorHost _simulator = null!;
    private string _connection = string.Empty;
    private SalesUnitStore _store = null!;

    public async Task InitializeAsync()
    {
        _connection = (await SharedAzurite.GetAsync()).ConnectionString;
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
        _store = new SalesUnitStore(new StorageClients(_connection).Tables.GetTableClient(_table), TimeProvider.System);
        await _store.CreateTableIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private Task<(int Exit, string Output)> RunAsync(int simulatorPort, params string[] args) =>
        CliRun.RunAsync([.. args,
            "--set", "Storage:ConnectionString=" + _connection,
            "--set", "Orchestrator:SalesUnitsTable=" + _table,
            "--set", "Local:Simulator:Port=" + simulatorPort.ToString(CultureInfo.InvariantCulture)]);

    private Task<(int Exit, string Output)> RunAsync(params string[] args) => RunAsync(_simulator.BaseAddress.Port, args);

    [Fact]
    public async Task a_linked_unit_is_registered_with_the_name_business_identifier_and_capabilities_vipps_gives()
    {
        var (exit, output) = await RunAsync("sales-units", "add", "--msn", SimulatorDefaults.DirectCaptureMsn, "--source", "webshop/acme");

        Assert.True(exit == 0, output);
        var unit = await _store.GetAsync(Msn.Create(SimulatorDefaults.DirectCaptureMsn).Value);
        Assert.NotNull(unit);
        Assert.Equal("Simulated direct capture", unit.Name);
        Assert.Equal(BusinessIdentifier.NorwegianOrganization(SimulatorDefaults.NorwayOrganizationNumber), unit.BusinessIdentifier);
        Assert.Equal(CaptureType.DirectCapture, unit.Capabilities!.CaptureType);
        Assert.True(unit.Capabilities.PaymentAllowed);
        Assert.True(unit.Capabilities.RecurringAllowed);
        Assert.Contains("at Vipps: business:NO:ORG/912345670, DirectCapture, payments, recurring, no skip-landing-page", output, StringComparison.Ordinal);
        var (_, list) = await RunAsync("sales-units", "list");
        Assert.Contains("DirectCapture", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_unit_without_recurring_is_registered_saying_so()
    {
        var (exit, output) = await RunAsync("sales-units", "add", "--msn", SimulatorDefaults.NoRecurringMsn, "--source", "webshop/acme");

        Assert.True(exit == 0, output);
        Assert.False((await _store.GetAsync(Msn.Create(SimulatorDefaults.NoRecurringMsn).Value))!.Capabilities!.RecurringAllowed);
        Assert.Contains("no recurring", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task adding_a_unit_disabled_by_hand_again_says_it_stays_disabled_and_how_to_enable_it()
    {
        Assert.Equal(0, (await RunAsync("sales-units", "add", "--msn", SimulatorDefaults.NorwayMsn, "--source", "webshop/acme")).Exit);
        Assert.Equal(0, (await RunAsync("sales-units", "disable", "--msn", SimulatorDefaults.NorwayMsn, "--reason", "fraud suspected")).Exit);

        var (exit, output) = await RunAsync("sales-units", "add", "--msn", SimulatorDefaults.NorwayMsn, "--source", "webshop/acme", "--source", "pos/acme:payments,captures");

        Assert.True(exit == 0, output);
        Assert.Contains("It stays disabled: it is disabled since ", output, StringComparison.Ordinal);
        Assert.Contains("UTC: fraud suspected (sales-units enable --msn " + SimulatorDefaults.NorwayMsn + " takes payments again).", output, StringComparison.Ordinal);
        var unit = (await _store.GetAsync(Msn.Create(SimulatorDefaults.NorwayMsn).Value))!;
        Assert.Equal((SalesUnitStatus.Disabled, "fraud suspected"), (unit.Status, unit.DisabledReason));
        Assert.Equal(["webshop/acme", "pos/acme"], unit.AllowedSources);
    }

    [Theory]
    [InlineData(SimulatorDefaults.UnlinkedMsn)]
    [InlineData("654321")]
    public async Task a_unit_vipps_does_not_show_to_our_keys_is_refused_in_one_line_and_no_row_is_written(string msn)
    {
        var (exit, output) = await RunAsync("sales-units", "add", "--msn", msn, "--source", "webshop/acme");

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"Refused: sales unit {msn} is not linked to our partner keys", line, StringComparison.Ordinal);
        Assert.Null(await _store.GetAsync(Msn.Create(msn).Value));
    }

    [Fact]
    public async Task sync_shows_both_sides_disables_a_unit_vipps_no_longer_links_and_registers_only_what_it_is_told_to()
    {
        Assert.Equal(0, (await RunAsync("sales-units", "add", "--msn", SimulatorDefaults.NorwayMsn, "--source", "webshop/acme")).Exit);
        await _store.RegisterAsync(new SalesUnitRegistration(Msn.Create(SimulatorDefaults.UnlinkedMsn).Value, "Old shop", Market.Norway, VippsEnvironment.Production,
            "partner", ["webshop/old"]));

        var (exit, output) = await RunAsync("sales-units", "sync");

        Assert.True(exit == 0, output);
        Assert.Contains("Asking the Vipps simulator at", output, StringComparison.Ordinal);
        Assert.Contains("NoLongerLinked", output, StringComparison.Ordinal);
        Assert.Contains("NewAtVipps", output, StringComparison.Ordinal);
        Assert.Contains("0 updated, 1 disabled as no longer linked, 0 enabled as linked again, 4 linked but not registered.", output, StringComparison.Ordinal);
        var old = (await _store.GetAsync(Msn.Create(SimulatorDefaults.UnlinkedMsn).Value))!;
        Assert.False(old.IsActive);
        Assert.StartsWith("no longer linked to our partner keys at Vipps", old.DisabledReason, StringComparison.Ordinal);
        Assert.Null(await _store.GetAsync(Msn.Create(SimulatorDefaults.FinlandMsn).Value));
        var (_, list) = await RunAsync("sales-units", "list");
        Assert.Contains("Disabled disabled since", list, StringComparison.Ordinal);
        Assert.Contains("no longer linked to our partner keys at Vipps", list, StringComparison.Ordinal);

        var (registerExit, registered) = await RunAsync("sales-units", "sync", "--register", SimulatorDefaults.FinlandMsn, "--source", "webshop/fin:payments,captures", "--market", "FI");

        Assert.True(registerExit == 0, registered);
        Assert.Contains($"Registered {SimulatorDefaults.FinlandMsn} 'Simulated Finland' (Finland, EUR)", registered, StringComparison.Ordinal);
        Assert.Equal(Market.Finland, (await _store.GetAsync(Msn.Create(SimulatorDefaults.FinlandMsn).Value))!.Market);
    }

    [Fact]
    public async Task sync_register_of_a_unit_vipps_does_not_link_is_refused_in_one_line_and_exits_non_zero()
    {
        var (exit, output) = await RunAsync("sales-units", "sync", "--register", SimulatorDefaults.UnlinkedMsn, "--source", "webshop/x");

        Assert.Equal(1, exit);
        Assert.Contains($"Refused: sales unit {SimulatorDefaults.UnlinkedMsn} is not linked to our partner keys", output, StringComparison.Ordinal);
        Assert.Null(await _store.GetAsync(Msn.Create(SimulatorDefaults.UnlinkedMsn).Value));
    }

    [Fact]
    public async Task sync_and_add_without_a_reachable_vipps_say_so_in_one_line_change_nothing_and_exit_non_zero()
    {
        await _store.RegisterAsync(new SalesUnitRegistration(Msn.Create(SimulatorDefaults.NorwayMsn).Value, "Shop", Market.Norway, VippsEnvironment.Production,
            "partner", ["webshop/acme"]));

        var (exit, output) = await RunAsync(1, "sales-units", "sync");

        Assert.Equal(1, exit);
        Assert.Single(output.Split('\n'), l => l.StartsWith("Not complete: could not ask the Vipps simulator at http://127.0.0.1:1/", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.True((await _store.GetAsync(Msn.Create(SimulatorDefaults.NorwayMsn).Value))!.IsActive);
        var (addExit, added) = await RunAsync(1, "sales-units", "add", "--msn", SimulatorDefaults.FinlandMsn, "--source", "webshop/fin");
        Assert.Equal(1, addExit);
        Assert.StartsWith($"Not registered: could not ask the Vipps simulator at http://127.0.0.1:1/ (start the host first: run) about sales unit {SimulatorDefaults.FinlandMsn}: ",
            Assert.Single(added.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Null(await _store.GetAsync(Msn.Create(SimulatorDefaults.FinlandMsn).Value));
    }
}
