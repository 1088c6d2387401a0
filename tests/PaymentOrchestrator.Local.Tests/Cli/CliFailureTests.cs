using PaymentOrchestrator.Local.Cli;
using PaymentOrchestrator.Testing;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Tests.Cli;

/// <summary>Every CLI failure is one line a person can act on, and a non-zero exit code (issue 14).</summary>
public sealed class CliFailureTests
{
    private static readonly string[] StorageDown =
        ["--set", "Local:Azurite:BlobPort=1", "--set", "Local:Azurite:QueuePort=1", "--set", "Local:Azurite:TablePort=1"];

    private static async Task<(int Exit, string[] Lines)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        console.Profile.Width = 400;
        var exit = await CliApplication.RunAsync(args, console);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData("status", "--msn", "123456")]
    [InlineData("send", "payment.requested", "--msn", "123456", "--amount", "49900", "--reference", "order-12345678")]
    [InlineData("sales-units", "list")]
    [InlineData("dead-letters", "list")]
    public async Task with_storage_down_a_command_prints_one_line_and_fails(params string[] command)
    {
        var (exit, lines) = await RunAsync([.. command, .. StorageDown]);

        Assert.Equal(1, exit);
        var line = Assert.Single(lines);
        Assert.StartsWith("Cannot reach storage", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task send_with_a_missing_file_or_a_directory_prints_one_line_and_fails()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-event-" + Guid.NewGuid().ToString("N") + ".json");

        var (exit, lines) = await RunAsync(["send", "--file", missing, .. StorageDown]);
        Assert.NotEqual(0, exit);
        Assert.Contains("does not exist", Assert.Single(lines), StringComparison.Ordinal);

        (exit, lines) = await RunAsync(["send", "--file", Path.GetTempPath(), .. StorageDown]);
        Assert.NotEqual(0, exit);
        Assert.Contains("is a directory", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task replaying_a_queue_that_is_not_a_work_queue_fails()
    {
        var (exit, lines) = await RunAsync(["dead-letters", "replay", "--queue", "no-such-queue", .. StorageDown]);

        Assert.NotEqual(0, exit);
        Assert.Contains("not one of this host's work queues", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task status_of_and_send_to_an_unknown_sales_unit_fail()
    {
        var azurite = await SharedAzurite.GetAsync();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        string[] storage = ["--set", "Storage:ConnectionString=" + azurite.ConnectionString, "--set", "Orchestrator:SalesUnitsTable=units" + suffix,
            "--set", "Orchestrator:PaymentsTable=payments" + suffix, "--set", "Local:Queues:PaymentRequests=requests-" + suffix];

        var (exit, lines) = await RunAsync(["status", "--msn", "998877", .. storage]);
        Assert.Equal(1, exit);
        Assert.Contains("998877 is not registered", Assert.Single(lines), StringComparison.Ordinal);

        (exit, lines) = await RunAsync(["send", "payment.requested", "--msn", "998877", "--amount", "49900", "--reference", "order-12345678", .. storage]);
        Assert.Equal(1, exit);
        Assert.Contains("998877 is not registered", Assert.Single(lines), StringComparison.Ordinal);
    }
}
