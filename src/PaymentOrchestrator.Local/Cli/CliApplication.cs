using System.CommandLine;
using PaymentOrchestrator.Storage;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>The command line: run, demo, send, status, sales-units, dead-letters, reconcile.</summary>
public static class CliApplication
{
    /// <summary>Configuration on the command line for any command, e.g. <c>--set Local:Http:Port=8080</c> (repeatable).</summary>
    internal static Option<string[]> SetOption { get; } = new("--set")
    {
        Description = "A configuration setting key=value, e.g. Storage:ConnectionString=... or Local:Http:Port=8080 (repeatable).",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static RootCommand Create(IAnsiConsole? console = null)
    {
        if (console is null)
        {
            console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                // Piped or logged output has no terminal width; Spectre's 80-column default folded (and at times
                // dropped) long URLs such as the redirect and confirmation links.
                console.Profile.Width = 240;
            }
        }

        var root = new RootCommand("PaymentOrchestrator local host: the whole system on Azurite and the Vipps simulator (or real Vipps keys).")
        {
            SetOption,
            RunCommand.Create(console),
            DemoCommand.Create(console),
            SendCommand.Create(console),
            StatusCommand.Create(console),
            SalesUnitsCommand.Create(console),
            DeadLettersCommand.Create(console),
            ReconcileCommand.Create(console),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null)
    {
        var parse = Create(console).Parse(args);
        console ??= AnsiConsole.Console;
        try
        {
            // Our own handler: a person reads one line that says what is wrong, never a stack trace.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e) when (StorageErrors.IsUnreachable(e))
        {
            console.MarkupLine("[red]" + Markup.Escape(StorageUnreachable(e)) + "[/]");
            return 1;
        }
#pragma warning disable CA1031 // The last line of defence: every failure becomes one line and a non-zero exit.
        catch (Exception e)
#pragma warning restore CA1031
        {
            console.MarkupLine("[red]Error:[/] " + Markup.Escape(e.Message.ReplaceLineEndings(" ")));
            return 1;
        }
    }

    private static string StorageUnreachable(Exception e)
    {
        var cause = e;
        while (cause.InnerException is { } inner)
        {
            cause = inner;
        }

        return $"Cannot reach storage ({cause.Message.ReplaceLineEndings(" ")}): start the host first (dotnet run --project src/PaymentOrchestrator.Local -- run), or set Storage:ConnectionString.";
    }

    /// <summary><c>--set k=v</c> values as command-line configuration arguments.</summary>
    internal static IReadOnlyList<string> ConfigurationArgs(ParseResult parse) =>
        [.. (parse.GetValue(SetOption) ?? []).Select(s => s.StartsWith("--", StringComparison.Ordinal) ? s : "--" + s)];

    /// <summary>Runs a storage command, turning "storage unreachable" into a sentence that says what to do.</summary>
    internal static async Task<int> WithStorageAsync(IAnsiConsole console, ParseResult parse, Func<CliStorage, Task<int>> action)
    {
        await using var storage = CliStorage.Open(ConfigurationArgs(parse));
        try
        {
            return await action(storage);
        }
        catch (Exception e) when (StorageErrors.IsUnreachable(e))
        {
            console.MarkupLine("[red]" + Markup.Escape(StorageUnreachable(e)) + "[/]");
            return 1;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            console.MarkupLine("[red]Configuration:[/] " + Markup.Escape(e.Message));
            return 1;
        }
    }
}
