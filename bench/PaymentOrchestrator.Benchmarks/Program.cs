using PaymentOrchestrator.Benchmarks;
using PaymentOrchestrator.Testing;
using Spectre.Console;

// dotnet run -c Release --project bench/PaymentOrchestrator.Benchmarks -- [--quick] [--only host|open-loop|sustained|storage|tokens|host-memory|api|list] [--minutes M] [--azurite memory|disk] [--host-dll PATH] [--host-setting KEY=VALUE]...
// dotnet run -c Release --project bench/PaymentOrchestrator.Benchmarks -- chaos [--sagas N] [--seconds S] [--seed N]
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var repoRoot = RepositoryRoot.Find() ?? Directory.GetCurrentDirectory();
try
{
    if (args.Length > 0 && args[0] == "chaos")
    {
        return await ChaosCommand.RunAsync(args[1..], repoRoot, cancel.Token);
    }

    var quick = args.Contains("--quick");
    string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    var only = Value("--only");
    var minutesText = Value("--minutes");
    var azurite = Value("--azurite") ?? "memory";
    var hostDll = Value("--host-dll") is { } dllText ? Path.GetFullPath(dllText) : null;
    // --host-setting Local:Durable:EmptyReceiveHold=00:00:00 (repeatable): a configuration key of every host the rows start.
    var hostSettingTexts = args.Where((_, i) => i > 0 && args[i - 1] == "--host-setting").ToList();
    var hostSettings = hostSettingTexts.Select(t => t.Split('=', 2)).Where(kv => kv is [{ Length: > 0 }, _])
        .ToDictionary(kv => kv[0], kv => (string?)kv[1], StringComparer.OrdinalIgnoreCase);
    var approveAfterText = Value("--approve-after");
    double? approveAfter = double.TryParse(approveAfterText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var a) && a is >= 0 and <= 50 ? a : null;
    string[] valued = ["--only", "--minutes", "--azurite", "--host-dll", "--host-setting", "--approve-after"];
    var unknown = args.Where((a, i) => a != "--quick" && !valued.Contains(a) && !(i > 0 && valued.Contains(args[i - 1]))).ToList();
    double? minutes = double.TryParse(minutesText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0 ? m : null;
    if (unknown.Count > 0 || only is not null && !SuiteOptions.Parts.Contains(only) || minutesText is not null && minutes is null || azurite is not ("memory" or "disk")
        || hostSettings.Count != hostSettingTexts.Count || approveAfterText is not null && approveAfter is null)
    {
        Console.Error.WriteLine($"usage: -- [--quick] [--only {string.Join('|', SuiteOptions.Parts)}] [--minutes M] [--azurite memory|disk] [--host-dll PATH] [--host-setting KEY=VALUE]... [--approve-after SECONDS (0-50)]   |   -- chaos [--sagas N] [--seconds S] [--seed N]");
        return 2;
    }

    if (hostDll is not null && !File.Exists(hostDll))
    {
        Console.Error.WriteLine($"--host-dll: no file at {hostDll} (give the PaymentOrchestrator.Local.dll of another build).");
        return 2;
    }

    var options = new SuiteOptions(quick, only, minutes, azurite == "disk", hostDll, hostSettings, TimeSpan.FromSeconds(approveAfter ?? 0));
    var command = "dotnet run -c Release --project bench/PaymentOrchestrator.Benchmarks --" + (quick ? " --quick" : string.Empty) + (only is null ? string.Empty : " --only " + only)
        + (minutesText is null ? string.Empty : " --minutes " + minutesText) + (azurite == "memory" ? string.Empty : " --azurite " + azurite)
        + (hostDll is null ? string.Empty : " --host-dll " + hostDll) + string.Concat(hostSettingTexts.Select(t => " --host-setting " + t))
        + (approveAfterText is null ? string.Empty : " --approve-after " + approveAfterText);
    AnsiConsole.MarkupLine($"[bold]PaymentOrchestrator benchmarks[/] ({(quick ? "quick" : "full")}) on {Markup.Escape(PerformanceReport.Machine())}");
    await using var env = await BenchEnvironment.StartAsync(cancel.Token);
    SuiteResults? results = null;
    await AnsiConsole.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
        .StartAsync(async ctx => results = await PerformanceSuite.RunAsync(env, options, ctx, cancel.Token));

    // Only a full run of everything replaces the committed figures; quick and partial runs go to artifacts/.
    var full = !quick && only is null && minutesText is null && azurite == "memory" && hostDll is null && hostSettings.Count == 0 && approveAfterText is null;
    var directory = full ? Path.Combine(repoRoot, "docs") : Path.Combine(repoRoot, "artifacts", "benchmarks");
    Directory.CreateDirectory(directory);
    PerformanceReport.Chart(results!, options, Path.Combine(directory, "performance.png"));
    var markdown = PerformanceReport.Markdown(results!, options, command, "performance.png");
    await File.WriteAllTextAsync(Path.Combine(directory, "performance.md"), markdown, cancel.Token);
    if (results!.Host.OpenLoop.Any(p => p.Stages is not null))
    {
        await File.WriteAllLinesAsync(Path.Combine(directory, "open-loop-stages.csv"), HostReport.OpenLoopStagesCsv(results), cancel.Token);
    }

    Console.WriteLine();
    Console.WriteLine(markdown);
    AnsiConsole.MarkupLine($"[green]Wrote[/] {Markup.Escape(Path.Combine(directory, "performance.md"))} and performance.png");
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
