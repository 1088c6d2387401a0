using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Local.Cli;
using PaymentOrchestrator.Local.Events;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Tests.Cli;

public sealed class CliTests
{
    private static (IAnsiConsole Console, StringWriter Output) Console()
    {
        var output = new StringWriter();
        return (AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No }), output);
    }

    [Fact]
    public void every_event_the_factory_builds_passes_the_hosts_parser()
    {
        var factory = new EventFactory(TimeProvider.System, "webshop/demo");
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        byte[][] events =
        [
            factory.PaymentRequested("123456", "order-12345678", 49_900, "NOK"),
            factory.PaymentCaptureRequested("123456", "order-12345678", "cap-1", 49_900, "NOK"),
            factory.PaymentCancelRequested("123456", "order-12345678"),
            factory.PaymentRefundRequested("123456", "order-12345678", "ref-1", 1_000, "NOK", "Return", "finance@shop.example"),
            factory.AgreementRequested("123456", "sub-1", 29_900, "NOK", "Coffee"),
            factory.AgreementStopRequested("123456", "sub-1"),
            factory.ChargeRequested("123456", "chg-1", "agr_1", 29_900, "NOK", due, "Coffee"),
            factory.ChargeCaptureRequested("123456", "chg-1", "cap-1", 29_900, "NOK"),
            factory.ChargeRefundRequested("123456", "chg-1", "ref-1", 1_000, "NOK", "Return", "finance@shop.example"),
            factory.ChargeCancelRequested("123456", "chg-1"),
        ];

        Assert.All(events, e => Assert.IsType<Parsed>(IncomingEventParser.Parse(e, 64 * 1024)));
        Assert.Equal(IncomingEventTypes.All.Count, events.Select(e => ((Parsed)IncomingEventParser.Parse(e, 64 * 1024)).Event.Envelope.Type).Distinct().Count());
    }

    [Theory]
    [InlineData("payment.requested", "payment.requested.v1")]
    [InlineData("charge.refund-requested.v1", "charge.refund-requested.v1")]
    public void event_types_may_leave_out_the_version(string given, string expected)
    {
        Assert.Equal(expected, SendCommand.Normalize(given));
    }

    [Fact]
    public async Task an_invalid_sales_unit_is_refused_with_the_field_named_before_storage_is_touched()
    {
        var (console, output) = Console();

        var exit = await CliApplication.RunAsync(["sales-units", "add", "--msn", "12", "--market", "Sweden", "--source", "webshop/x",
            "--set", "Storage:ConnectionString=UseDevelopmentStorage=true"], console);

        Assert.Equal(2, exit);
        Assert.Contains("msn:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("market must be", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task send_refuses_an_event_the_parser_would_reject_and_sends_nothing()
    {
        var (console, output) = Console();

        var exit = await CliApplication.RunAsync(["send", "payment.requested", "--msn", "123456", "--amount", "50", "--reference", "order-12345678",
            "--set", "Storage:ConnectionString=UseDevelopmentStorage=true"], console);

        Assert.Equal(1, exit);
        Assert.Contains("Not sent", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void the_event_factory_asks_for_the_profile_scope_it_is_given_and_for_none_without_one()
    {
        var factory = new PaymentOrchestrator.Local.Events.EventFactory(TimeProvider.System, "webshop/demo");

        var payment = PaymentOrchestrator.Domain.Contracts.IncomingEventParser.Parse(
            factory.PaymentRequested("123456", "order-12345678", 49_900, "NOK", profileScope: ["address", "name"]), 64 * 1024);
        var agreement = PaymentOrchestrator.Domain.Contracts.IncomingEventParser.Parse(
            factory.AgreementRequested("123456", "sub-1", 29_900, "NOK", "Coffee", profileScope: ["email"]), 64 * 1024);
        var plain = PaymentOrchestrator.Domain.Contracts.IncomingEventParser.Parse(
            factory.PaymentRequested("123456", "order-12345679", 49_900, "NOK"), 64 * 1024);

        Assert.Equal("name address", Assert.IsType<PaymentOrchestrator.Domain.Contracts.PaymentRequested>(
            Assert.IsType<PaymentOrchestrator.Domain.Contracts.Parsed>(payment).Event.Data).ProfileScope?.Value);
        Assert.Equal("email", Assert.IsType<PaymentOrchestrator.Domain.Contracts.AgreementRequested>(
            Assert.IsType<PaymentOrchestrator.Domain.Contracts.Parsed>(agreement).Event.Data).ProfileScope?.Value);
        Assert.Null(Assert.IsType<PaymentOrchestrator.Domain.Contracts.PaymentRequested>(
            Assert.IsType<PaymentOrchestrator.Domain.Contracts.Parsed>(plain).Event.Data).ProfileScope);
    }

    [Fact]
    public async Task send_refuses_a_profile_scope_with_a_detail_no_webshop_may_ask_for_and_sends_nothing()
    {
        var (console, output) = Console();

        var exit = await CliApplication.RunAsync(["send", "payment.requested", "--msn", "123456", "--amount", "49900", "--reference", "order-12345678",
            "--profile-scope", "name,nationalId", "--set", "Storage:ConnectionString=UseDevelopmentStorage=true"], console);

        Assert.Equal(1, exit);
        Assert.Contains("Not sent: UnknownProfileScope", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("'nationalId'", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task reconcile_refuses_a_date_that_is_not_yyyy_mm_dd_before_anything_is_touched()
    {
        var (console, output) = Console();

        var exit = await CliApplication.RunAsync(["reconcile", "--msn", "123456", "--date", "1.12.2026"], console);

        Assert.Equal(2, exit);
        Assert.Contains("date: give the ledger date as yyyy-MM-dd", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task reconcile_runs_the_job_for_a_closed_date_against_the_running_simulator_and_prints_the_day()
    {
        var azurite = await PaymentOrchestrator.Testing.SharedAzurite.GetAsync();
        await using var simulator = await VippsSimulator.SimulatorHost.StartAsync(new VippsSimulator.SimulatorOptions { RateLimitsEnabled = false });
        var suffix = Guid.NewGuid().ToString("N")[..10];
        string[] settings = [
            "--set", "Storage:ConnectionString=" + azurite.ConnectionString,
            "--set", "Orchestrator:PaymentsTable=payments" + suffix,
            "--set", "Orchestrator:SalesUnitsTable=salesunits" + suffix,
            "--set", "Orchestrator:PaymentEventsQueue=events-" + suffix,
            "--set", "Local:Simulator:Port=" + simulator.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var storage = new PaymentOrchestrator.Storage.StorageClients(azurite.ConnectionString);
        await storage.Tables.GetTableClient("payments" + suffix).CreateIfNotExistsAsync();
        await storage.Tables.GetTableClient("salesunits" + suffix).CreateIfNotExistsAsync();
        await storage.Queues.GetQueueClient("events-" + suffix).CreateIfNotExistsAsync();
        var (addConsole, added) = Console();
        var addExit = await CliApplication.RunAsync(["sales-units", "add", "--msn", "123456", "--source", "webshop/x", .. settings], addConsole);
        Assert.True(addExit == 0, added.ToString());
        var (console, output) = Console();

        var exit = await CliApplication.RunAsync(["reconcile", "--msn", "123456", "--date", date, .. settings], console);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains("Everything matched: 0 operations", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"Reconciliation 123456 {date} (ledger 1123456)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_command_fails()
    {
        Assert.NotEqual(0, await CliApplication.RunAsync(["no-such-command"], Console().Console));
    }
}
