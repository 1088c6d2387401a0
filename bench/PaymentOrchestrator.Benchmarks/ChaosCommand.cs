using System.Globalization;
using System.Text;
using PaymentOrchestrator.Orchestration.Tests.Chaos;
using Spectre.Console;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>The full chaos suite: <c>-- chaos [--sagas N] [--seconds S] [--seed N]</c>.</summary>
internal static class ChaosCommand
{
    private const string Begin = "<!-- chaos-summary:begin -->";
    private const string End = "<!-- chaos-summary:end -->";

    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken cancellationToken)
    {
        var options = new ChaosOptions
        {
            Sagas = Args.Int(args, "--sagas", 1000),
            Budget = TimeSpan.FromSeconds(Args.Int(args, "--seconds", 420)),
            Seed = Args.Int(args, "--seed", 8),
        };
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]Chaos suite[/] (orchestration core, in-process): {options.Sagas:N0} sagas, ≤ {options.Budget.TotalSeconds:F0} s, seed {options.Seed}; " +
            $"faults {options.ErrorRate:P0} 5xx, {options.RateLimitRate:P0} 429, {options.LostResponseRate:P0} lost; kills every {options.KillAfterMin.TotalSeconds:F0}–{options.KillAfterMax.TotalSeconds:F0} s, crash after {options.CrashAfterCallRate:P0} of Vipps calls"));
        await using var env = await BenchEnvironment.StartAsync(cancellationToken);
        var settings = new CoreSettings(env.Azurite.ConnectionString, env.SimulatorAddress, Guid.NewGuid().ToString("N")[..10])
        {
            VippsRetryBaseDelay = TimeSpan.FromMilliseconds(50),
        };
        ChaosReport? report = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("sagas through faults, kills and crashes", maxValue: options.Sagas);
                var progress = new Progress<int>(n => task.Value = n);
                report = await new ChaosRun(options, settings, env.Admin).RunAsync(progress, cancellationToken);
                task.Value = options.Sagas;
            });

        var table = new Table().AddColumn("measure").AddColumn("value");
        foreach (var (label, value) in report!.Summary())
        {
            table.AddRow(Markup.Escape(label), Markup.Escape(value));
        }

        AnsiConsole.Write(table);
        foreach (var line in report.Violations.Concat(report.UnexpectedExceptions).Take(100))
        {
            AnsiConsole.MarkupLine("[red]" + Markup.Escape(line) + "[/]");
        }

        var command = string.Create(CultureInfo.InvariantCulture,
            $"dotnet run -c Release --project bench/PaymentOrchestrator.Benchmarks -- chaos --sagas {options.Sagas} --seconds {options.Budget.TotalSeconds:F0} --seed {options.Seed}");
        var doc = Path.Combine(repoRoot, "docs", "reliability.md");
        if (options.Sagas >= 1000 && File.Exists(doc))
        {
            var text = await File.ReadAllTextAsync(doc, cancellationToken);
            var start = text.IndexOf(Begin, StringComparison.Ordinal);
            var end = text.IndexOf(End, StringComparison.Ordinal);
            if (start >= 0 && end > start)
            {
                var block = new StringBuilder();
                block.Append(Begin).Append('\n');
                block.Append(string.Create(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {PerformanceReport.Machine()}:\n\n"));
                block.Append("```bash\n").Append(command).Append("\n```\n\n");
                block.Append("| measure | value |\n|---|---|\n");
                foreach (var (label, value) in report.Summary())
                {
                    block.Append("| ").Append(label).Append(" | ").Append(value.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
                }

                block.Append('\n');
                block.Append(report.Passed ? "**Result: passed** — no violation, no unexpected exception." : "**Result: FAILED** — see the violations printed by the command.").Append('\n');
                block.Append(End);
                text = text[..start] + block + text[(end + End.Length)..];
                await File.WriteAllTextAsync(doc, text, cancellationToken);
                AnsiConsole.MarkupLine($"[green]Updated[/] {Markup.Escape(doc)}");
            }
        }

        AnsiConsole.MarkupLine(report.Passed ? "[green]PASSED[/]" : "[red]FAILED[/]");
        return report.Passed ? 0 : 1;
    }
}
