using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentOrchestrator.Local.Hosting;

namespace PaymentOrchestrator.Local.Tests.Hosting;

public sealed class OneLineConsoleFormatterTests
{
    [Fact]
    public void an_entry_with_a_thrown_exception_is_one_line_with_the_exception_types_and_messages_and_no_stack_frame()
    {
        var exception = Thrown();
        var text = Format(LogLevel.Error, "Execution attempt failed", exception);

        var line = Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.NotNull(exception.StackTrace);
        Assert.Contains(" fail: Polly Execution attempt failed — HttpRequestException: Connection refused (127.0.0.1:1) ← IOException: socket closed", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(Thrown), line, StringComparison.Ordinal);
    }

    [Fact]
    public void an_entry_of_a_traced_operation_ends_with_its_trace_id_and_an_untraced_one_has_none()
    {
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == nameof(OneLineConsoleFormatterTests),
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var source = new System.Diagnostics.ActivitySource(nameof(OneLineConsoleFormatterTests));

        var untraced = Format(LogLevel.Information, "before", exception: null);
        string traced;
        string traceId;
        using (var activity = source.StartActivity("process")!)
        {
            traceId = activity.TraceId.ToHexString();
            traced = Format(LogLevel.Information, "during", exception: null);
        }

        Assert.EndsWith(" info: Polly before", untraced.TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith($" info: Polly during [trace {traceId}]", Assert.Single(traced.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void a_message_over_several_lines_is_written_on_one()
    {
        var text = Format(LogLevel.Information, "first\nsecond\r\nthird", exception: null);

        var line = Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith(" info: Polly first second third", line, StringComparison.Ordinal);
    }

    [Fact]
    public void a_message_that_carries_a_whole_exception_text_keeps_its_words_and_loses_its_stack_frames()
    {
        // As the Durable Task Framework logs a failure: the exception's ToString() inside the message.
        var text = Format(LogLevel.Warning, "Orchestration failed. Details: " + Thrown(), exception: null);

        var line = Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Orchestration failed. Details: System.Net.Http.HttpRequestException: Connection refused (127.0.0.1:1)", line, StringComparison.Ordinal);
        Assert.Contains("System.IO.IOException: socket", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(Thrown), line, StringComparison.Ordinal);
    }

    [Fact]
    public void control_bidirectional_and_invisible_characters_from_outside_are_escaped_never_written_raw()
    {
        var text = Format(LogLevel.Warning, "Event refused: UnknownField: data.\u001b[2J\rfake\b \u202Eevil \u200Bhidden 👍", exception: null);

        var line = Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("data.\\u001B[2J\\u000Dfake\\u0008 \\u202Eevil \\u200Bhidden 👍", line, StringComparison.Ordinal);
        Assert.DoesNotContain(line, c => c is '\u001b' or '\r' or '\b' or '\u202E' or '\u200B');
    }

    private static string Format(LogLevel level, string message, Exception? exception)
    {
        using var writer = new StringWriter();
        var entry = new LogEntry<string>(level, "Polly", new EventId(3), message, exception, (state, _) => state);
        new OneLineConsoleFormatter().Write(entry, scopeProvider: null, writer);
        return writer.ToString();
    }

    private static HttpRequestException Thrown()
    {
        try
        {
            throw new HttpRequestException("Connection refused (127.0.0.1:1)", new IOException("socket\nclosed"));
        }
        catch (HttpRequestException e)
        {
            return e;
        }
    }
}
