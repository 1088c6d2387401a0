using System.Globalization;
using System.Text;
using PaymentOrchestrator.EndToEnd.Tests.Chaos;
using PaymentOrchestrator.Testing.Chaos;
using Spectre.Console;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// The full chaos suite: <c>-- chaos [--level host] [--sagas N] [--seconds S] [--seed N]</c>: kills the local host as an
/// OS process. (The core level, in-process on the test-only driver, is no longer part of the benchmark.)
/// </summary>
internal static class ChaosCommand
{
    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken cancellationToken)
    {
        if (args.Contains("--level") && Array.IndexOf(args, "--level") + 1 < args.Length && args[Array.IndexOf(args, "--level") + 1] != "host")
        {
            // The core level ran on the test-only in-process driver; the engine that runs sagas is the host's.
            Console.Error.WriteLine("usage: -- chaos [--level host] [--sagas N] [--seconds S] [--seed N] (the core level is no longer part of the benchmark)");
            return 2;
        }

        const string level = "host";
        var sagas = Args.Int(args, "--sagas", 1000);
        var seed = Args.Int(args, "--seed", 8);
        var seconds = Args.Int(args, "--seconds", 3600);
        await using var env = await BenchEnvironment.StartAsync(cancellationToken);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var options = new HostChaosOptions { Sagas = sagas, Budget = TimeSpan.FromSeconds(seconds), Seed = seed };
        var title = string.Create(CultureInfo.InvariantCulture,
            $"[bold]Chaos suite[/] (local host as a child process, SIGKILL): {options.Sagas:N0} sagas, ≤ {options.Budget.TotalSeconds:F0} s, seed {options.Seed}; " +
            $"faults {options.ErrorRate:P0} 5xx, {options.RateLimitRate:P0} 429, {options.LostResponseRate:P0} lost; kills every {options.KillAfterMin.TotalSeconds:F0}–{options.KillAfterMax.TotalSeconds:F0} s of uptime");
        Func<IProgress<int>, Task<ChaosReport>> run = progress =>
            new HostChaosRun(options, env.Azurite.ConnectionString, env.SimulatorAddress, env.Admin, suffix).RunAsync(progress, cancellationToken);

        AnsiConsole.MarkupLine(title);
        ChaosReport? report = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("sagas through faults and host kills", maxValue: sagas);
                report = await run(new Progress<int>(n => task.Value = n));
                task.Value = sagas;
            });

        var table = new Table().AddColumn("measure").AddColumn("value");
        foreach (var (label, value) in report!.Summary())
        {
            table.AddRow(Markup.Escape(label), Markup.Escape(value));
        }

        AnsiConsole.Write(table);
        foreach (var line in report.Violations.Concat(report.UnexpectedExceptions).Concat(report.HostErrorSamples).Take(100))
        {
            AnsiConsole.MarkupLine("[red]" + Markup.Escape(line) + "[/]");
        }

        var command = string.Create(CultureInfo.InvariantCulture,
            $"dotnet run -c Release --project bench/PaymentOrchestrator.Benchmarks -- chaos --level {level} --sagas {sagas} --seconds {seconds} --seed {seed}");
        const string marker = "host-chaos-summary";
        var doc = Path.Combine(repoRoot, "docs", "reliability.md");
        if (sagas >= 1000 && File.Exists(doc))
        {
            var begin = $"<!-- {marker}:begin -->";
            var end = $"<!-- {marker}:end -->";
            var text = await File.ReadAllTextAsync(doc, cancellationToken);
            var start = text.IndexOf(begin, StringComparison.Ordinal);
            var stop = text.IndexOf(end, StringComparison.Ordinal);
            if (start >= 0 && stop > start)
            {
                var block = new StringBuilder();
                block.Append(begin).Append('\n');
                block.Append(string.Create(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {PerformanceReport.Machine()}:\n\n"));
                block.Append("```bash\n").Append(command).Append("\n```\n\n");
                block.Append("| measure | value |\n|---|---|\n");
                foreach (var (label, value) in report.Summary())
                {
                    block.Append("| ").Append(label).Append(" | ").Append(value.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
                }

                block.Append('\n');
                block.Append(report.Passed ? "**Result: passed** — no violation, no unexpected exception." : "**Result: FAILED** — see the violations printed by the command.").Append('\n');
                block.Append(end);
                text = text[..start] + block + text[(stop + end.Length)..];
                await File.WriteAllTextAsync(doc, text, cancellationToken);
                AnsiConsole.MarkupLine($"[green]Updated[/] {Markup.Escape(doc)}");
            }
        }

        AnsiConsole.MarkupLine(report.Passed ? "[green]PASSED[/]" : "[red]FAILED[/]");
        return report.Passed ? 0 : 1;
    }
}
