using System.CommandLine;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Hosting;
using PaymentOrchestrator.Orchestration;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary><c>run</c>: the local host until Ctrl+C.</summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var dashboard = DashboardFlag.Create();
        var command = new Command("run", "Run the local host: Azurite (unless Storage is configured), the Vipps simulator (unless Vipps keys are configured), queue workers, the saga engine (Durable Task Framework), the HTTP API and the console on 127.0.0.1:7071, until Ctrl+C.")
        {
            dashboard,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataDirectory = Path.Combine(Directory.GetCurrentDirectory(), LocalDefaults.AzuriteDataDirectory);
            var settings = new Dictionary<string, string?>();
            DashboardFlag.Apply(parse, dashboard, settings);
            await using var host = await LocalHost.StartAsync(new LocalHostOptions
            {
                Args = CliApplication.ConfigurationArgs(parse),
                Settings = settings,
                AzuriteDataDirectory = dataDirectory,
                SimulatorStateFile = Path.Combine(dataDirectory, LocalDefaults.SimulatorStateFile),
                Progress = line => console.MarkupLine("[grey]" + Markup.Escape(line) + "[/]"),
            }, cancellationToken);
            PrintBanner(console, host);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.MarkupLine("Stopping: in-flight messages finish or are released for redelivery ...");
            }

            await host.StopAsync(CancellationToken.None);
            console.MarkupLine("Stopped.");
            return 0;
        });
        return command;
    }

    private static void PrintBanner(IAnsiConsole console, LocalHost host)
    {
        var s = host.Settings;
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("").AddColumn("");
        table.AddRow("HTTP API", Markup.Escape(host.BaseAddress.ToString()));
        table.AddRow("Console", Markup.Escape(host.BaseAddress + " (sign in with an API key)"));
        table.AddRow("Health", Markup.Escape(new Uri(host.BaseAddress, OrchestratorNames.Routes.Health).ToString()));
        table.AddRow("Vipps", Markup.Escape(host.Simulator is { } sim ? $"simulator at {sim.BaseAddress}" : "configured key sets"));
        if (host.Dashboard is { } dashboard)
        {
            table.AddRow("Dashboard", Markup.Escape($"{dashboard.Url} (traces, metrics, logs; OTLP on {dashboard.OtlpEndpoint})"));
        }
        else if (s.Telemetry.OtlpEndpoint is { } otlp)
        {
            table.AddRow("Telemetry", Markup.Escape($"OTLP to {otlp}"));
        }

        table.AddRow("Webhooks", Markup.Escape(host.WebhookUrl?.ToString() ?? "not registered (polling only)"));
        table.AddRow("Storage", Markup.Escape(host.Azurite is { } a ? $"Azurite (queue {a.QueuePort}, table {a.TablePort})" : "configured account"));
        table.AddRow("Queues", Markup.Escape($"{s.Queues.PaymentRequests} ×{s.Queues.PaymentRequestsConcurrency}, {s.Queues.RefundRequests} ×{s.Queues.RefundRequestsConcurrency}"));
        table.AddRow("Saga engine", Markup.Escape($"Durable Task Framework, task hub {s.Durable.TaskHub}, {s.Durable.PartitionCount} partition(s)"));
        if (host.SessionApiKey is { } key)
        {
            table.AddRow("API key", Markup.Escape($"{key}  (this session only, acts as {LocalDefaults.FinanceSource}; configure Local:ApiKeys to keep one)"));
        }

        console.Write(table);
        console.MarkupLine("Try: [bold]dotnet run --project src/PaymentOrchestrator.Local -- send payment.requested --msn 123456 --amount 49900[/]   (Ctrl+C stops)");
    }
}
