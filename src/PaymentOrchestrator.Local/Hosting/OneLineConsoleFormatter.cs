using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Local.Hosting;

/// <summary>
/// How the local host's log reaches a person's terminal: one line per entry — time, level, category, message — and an
/// exception as its type and message (inner ones after it), never its stack trace. The console's simple formatter
/// prints whole stack traces, which a person running <c>run</c> must never see (the Vipps client's resilience pipeline
/// logs every failed attempt with its exception while Vipps is down). When telemetry is on and the entry belongs to a
/// traced operation, the line ends with its trace id, to find the same trace in the dashboard.
/// </summary>
public sealed class OneLineConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "one-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTimeOffset.Now.ToString("HH:mm:ss ", CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write(' ');
        textWriter.Write(OneLine(message));
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(" — ");
            textWriter.Write(Describe(exception));
        }

        // The console logger formats on the logging thread, so the current activity is the entry's.
        if (Activity.Current is { Recorded: true } activity)
        {
            textWriter.Write(" [trace ");
            textWriter.Write(activity.TraceId.ToHexString());
            textWriter.Write(']');
        }

        textWriter.WriteLine();
    }

    /// <summary>An exception as "Type: message", its inner exceptions after it, on one line and without any stack trace.</summary>
    public static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (Exception? e = exception; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {OneLine(e.Message)}");
        }

        return string.Join(" ← ", parts);
    }

    /// <summary>
    /// The text on one line, without the frames of a stack trace (some libraries put a whole <c>exception.ToString()</c>
    /// into the message itself: the Durable Task Framework's failure events do), and with every control, bidirectional
    /// or invisible character escaped (<see cref="PlainText.Escape"/>): a value from outside never moves the cursor,
    /// clears the screen or reverses the text of a person's terminal.
    /// </summary>
    private static string OneLine(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return PlainText.Escape(text);
        }

        var kept = text.ReplaceLineEndings("\n").Split('\n')
            .Where(line => !IsStackFrame(line.TrimStart()))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0);
        return PlainText.Escape(string.Join(' ', kept));
    }

    private static bool IsStackFrame(string line) =>
        line.StartsWith("at ", StringComparison.Ordinal) || line.StartsWith("--- End of ", StringComparison.Ordinal);

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
