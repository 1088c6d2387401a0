using System.Globalization;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Cli;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps.Management;
using PaymentOrchestrator.VippsSimulator;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Tests.Cli;

/// <summary><c>sales-units add</c> registers only what the Vipps Management API shows to our keys, as Vipps describes it.</summary>
public sealed class SalesUnitsAddFromManagementApiTests : IAsyncLifetime
{
    private readonly string _table = "salesunits" + Guid.NewGuid().ToString("N")[..10];
    private SimulatorHost _simulator = null!;
    private string[] _settings = [];
    private SalesUnitStore _store = null!;

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
        _settings =
        [
            "--set", "Storage:ConnectionString=" + azurite.ConnectionString,
            "--set", "Orchestrator:SalesUnitsTable=" + _table,
            "--set", "Local:Simulator:Port=" + _simulator.BaseAddress.Port.ToString(CultureInfo.InvariantCulture),
        ];
        var tables = new StorageClients(azurite.ConnectionString).Tables;
        _store = new SalesUnitStore(tables.GetTableClient(_table), TimeProvider.System);
        await _store.CreateTableIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private Task<(int Exit, string Output)> RunAsync(params string[] args) => CliRun.RunAsync([.. args, .. _settings]);

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
}
