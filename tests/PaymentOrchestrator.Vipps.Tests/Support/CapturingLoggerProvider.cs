using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PaymentOrchestrator.Vipps.Tests.Support;

/// <summary>Keeps every log entry (at every level) with its message, structured values, scopes and exception text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    /// <summary>All text a log sink could ever see: messages, values, scopes, exceptions.</summary>
    public string AllText() => string.Join("\n", Entries.Select(e => e.AllText));

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        private readonly AsyncLocal<List<string>?> _scopes = new();

        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            var list = _scopes.Value ??= [];
            list.Add(Describe(state));
            return new Pop(list);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
                : new Dictionary<string, object?>(StringComparer.Ordinal);
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), values, exception?.ToString(), [.. _scopes.Value ?? []]));
        }

        private static string Describe(object state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state.ToString() ?? "";

        private sealed class Pop(List<string> list) : IDisposable
        {
            public void Dispose()
            {
                if (list.Count > 0)
                {
                    list.RemoveAt(list.Count - 1);
                }
            }
        }
    }
}

public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Values, string? Exception, IReadOnlyList<string> Scopes)
{
    public string AllText => $"{Category} {Level} {Message} {string.Join(" ", Values.Select(v => $"{v.Key}={v.Value}"))} {Exception} {string.Join(" ", Scopes)}";
}
