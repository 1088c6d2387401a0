using System.Globalization;
using System.Text;
using PaymentOrchestrator.EndToEnd.Tests.Chaos;
using PaymentOrchestrator.Orchestration.Tests.Chaos;
using Spectre.Console;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// The full chaos suite: <c>-- chaos [--level host|core] [--sagas N] [--seconds S] [--seed N]</c>. <c>host</c> (the
/// default) kills the local host as an OS process; <c>core</c> kills the orchestration core in-process.
/// </summary>
internal static class ChaosCommand
{
    public static async Task<int> RunAsync(string[] args, string repoRoot, CancellationToken cancellationToken)
    {
        var levelIndex = Array.IndexOf(args, "--level");
        var level = levelIndex >= 0 && levelIndex + 1 < args.Length ? args[levelIndex + 1] : "host";
        if (level is not ("host" or "core"))
        {
            Console.Error.WriteLine("usage: -- chaos [--level host|core] [--sagas N] [--seconds S] [--seed N]");
            return 2;
        }

        var sagas = Args.Int(args, "--sagas", 1000);
        var seed = Args.Int(args, "--seed", 8);
        var seconds = Args.Int(args, "--seconds", level == "host" ? 3600 : 420);
        await using var env = await BenchEnvironment.StartAsync(cancellationToken);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        Func<IProgress<int>, Task<ChaosReport>> run;
        string title;
        if (level == "host")
        {
            var options = new HostChaosOptions { Sagas = sagas, Budget = TimeSpan.FromSeconds(seconds), Seed = seed };
            title = string.Create(CultureInfo.InvariantCulture,
                $"[bold]Chaos suite[/] (local host as a child process, SIGKILL): {options.Sagas:N0} sagas, ≤ {options.Budget.TotalSeconds:F0} s, seed {options.Seed}; " +
                $"faults {options.ErrorRate:P0} 5xx, {options.RateLimitRate:P0} 429, {options.LostResponseRate:P0} lost; kills every {options.KillAfterMin.TotalSeconds:F0}–{options.KillAfterMax.TotalSeconds:F0} s of uptime");
            run = progress => new HostChaosRun(options, env.Azurite.ConnectionString, env.SimulatorAddress, env.Admin, suffix).RunAsync(progress, cancellationToken);
        }
        else
        {
            var options = new ChaosOptions { Sagas = sagas, Budget = TimeSpan.FromSeconds(seconds), Seed = seed };
            title = string.Create(CultureInfo.InvariantCulture,
                $"[bold]Chaos suite[/] (orchestration core, in-process): {options.Sagas:N0} sagas, ≤ {options.Budget.TotalSeconds:F0} s, seed {options.Seed}; " +
                $"faults {options.ErrorRate:P0} 5xx, {options.RateLimitRate:P0} 429, {options.LostResponseRate:P0} lost; kills every {options.KillAfterMin.TotalSeconds:F0}–{options.KillAfterMax.TotalSeconds:F0} s, crash after {options.CrashAfterCallRate:P0} of Vipps calls");
            var settings = new CoreSettings(env.Azurite.ConnectionString, env.SimulatorAddress, suffix) { VippsRetryBaseDelay = TimeSpan.FromMilliseconds(50) };
            run = progress => new ChaosRun(options, settings, env.Admin).RunAsync(progress, cancellationToken);
        }

        AnsiConsole.MarkupLine(title);
        ChaosReport? report = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(level == "host" ? "sagas through faults and host kills" : "sagas through faults, kills and crashes", maxValue: sagas);
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
        var marker = level == "host" ? "host-chaos-summary" : "chaos-summary";
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
