using PaymentOrchestrator.Local.Cli;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Tests.Cli;

/// <summary>Runs the CLI as a person would, on a wide, plain, non-interactive console, and returns the exit code and what it printed.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Output)> RunAsync(string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = 400;
        var exit = await CliApplication.RunAsync(args, console);
        return (exit, output.ToString());
    }
}
