using System.CommandLine;
using PaymentOrchestrator.Local.Demo;
using PaymentOrchestrator.Local.Hosting;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary><c>demo</c>: starts everything on free ports in memory, plays the story, prints the final table, stops.</summary>
internal static class DemoCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show the host's log as well." };
        var dashboard = DashboardFlag.Create();
        var command = new Command("demo", "Play the whole story against the simulator — order, approval, capture, partial refund, subscription and its first charge — and exit (with --dashboard: stay until Ctrl+C, to look at its traces).")
        {
            verbose,
            dashboard,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            console.MarkupLine("[bold]PaymentOrchestrator demo[/] — Azurite, the Vipps simulator and the host, all in this process.");
            var settings = new Dictionary<string, string?>
            {
                ["Local:Http:Port"] = "0",
                ["Local:Simulator:Port"] = "0",
                ["Local:Simulator:Enabled"] = "true",
                ["Local:Webhooks:Register"] = "true",
            };
            DashboardFlag.Apply(parse, dashboard, settings);
            await using var host = await LocalHost.StartAsync(new LocalHostOptions
            {
                Args = CliApplication.ConfigurationArgs(parse),
                Settings = settings,
                AzuriteDataDirectory = null,
                ConsoleLogLevel = parse.GetValue(verbose) ? LogLevel.Information : null,
                Progress = line => console.MarkupLine("[grey]" + Markup.Escape(line) + "[/]"),
            }, cancellationToken);
            try
            {
                var result = await new DemoStory(host, console).RunAsync(cancellationToken);
                if (host.Dashboard is { } open)
                {
                    console.MarkupLine($"Open [bold]{Markup.Escape(open.Url.ToString())}[/]: [bold]Traces[/] has one trace per event — pick a [bold]process[/] span of payment {Markup.Escape(result.Reference)} to follow it from the queue through its orchestration and Vipps calls to the outcome sent; [bold]Metrics[/] has payment_orchestrator.*; [bold]Structured logs[/] the host's log. Ctrl+C stops.");
                    await WaitForCtrlCAsync(cancellationToken);
                }

                return 0;
            }
            catch (TimeoutException e)
            {
                console.MarkupLine("[red]The demo stopped:[/] " + Markup.Escape(e.Message));
                return 1;
            }
        });
        return command;
    }

    private static async Task WaitForCtrlCAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
