using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PaymentOrchestrator.Local.Hosting;

namespace PaymentOrchestrator.EndToEnd.Tests.Telemetry;

/// <summary>
/// What a host exported: spans (in-memory exporter), metric snapshots (in-memory exporter) and log records (copied to
/// text as they end: the SDK reuses its log records), flushed on demand.
/// </summary>
internal sealed class TelemetryCapture
{
    private readonly LogCopier _logs = new();

    /// <summary>The exporters add from their own threads (a maintenance run can end a span while a test reads): read a snapshot.</summary>
    public Captured<Activity> Spans { get; } = new();

    public Captured<MetricSnapshot> Metrics { get; } = new();

    /// <summary>Each log record as its category, its formatted message and its attributes' texts.</summary>
    public IReadOnlyList<LoggedText> Logs => _logs.Copies;

    /// <summary>Adds the exporters to a host's telemetry (which this turns on).</summary>
    public void Configure(IOpenTelemetryBuilder builder)
    {
        builder.WithTracing(tracing => tracing.AddInMemoryExporter(Spans));
        builder.WithMetrics(metrics => metrics.AddInMemoryExporter(Metrics));
        builder.WithLogging(logging => logging.AddProcessor(_logs));
    }

    /// <summary>Exports everything recorded so far.</summary>
    public static void Flush(LocalHost host)
    {
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        host.Services.GetRequiredService<LoggerProvider>().ForceFlush();
    }

    /// <summary>
    /// Flushes until <paramref name="done"/> holds or <paramref name="seconds"/> pass, and returns either way (the
    /// assertions after it say what is missing). A span ends after what it wraps is visible — a send's span after its
    /// message is on the queue, an activity's after its row is saved — so a test that saw the effect waits for the span.
    /// </summary>
    public static async Task FlushUntilAsync(LocalHost host, Func<bool> done, int seconds = 30)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); ; await Task.Delay(100))
        {
            Flush(host);
            if (done() || DateTime.UtcNow >= deadline)
            {
                return;
            }
        }
    }

    /// <summary>The spans of one trace.</summary>
    public List<Activity> Trace(ActivityTraceId traceId) => Spans.Snapshot().Where(s => s.TraceId == traceId).ToList();

    /// <summary>The points of a metric, as (tags, sum or count) over every snapshot exported.</summary>
    public List<(IReadOnlyDictionary<string, string> Tags, double Value)> Points(string metricName) =>
        Metrics.Snapshot().Where(m => m.Name == metricName)
            .SelectMany(m => m.MetricPoints.Select(p => (
                (IReadOnlyDictionary<string, string>)Tags(p),
                m.MetricType switch
                {
                    MetricType.Histogram => p.GetHistogramCount(),
                    MetricType.LongSum => p.GetSumLong(),
                    MetricType.DoubleSum => p.GetSumDouble(),
                    _ => 0d,
                })))
            .ToList();

    /// <summary>Every text exported: span names, tags, events and statuses; metric tags; log messages and attributes.</summary>
    public List<(string Where, string Text)> Texts()
    {
        var texts = new List<(string, string)>();
        foreach (var span in Spans.Snapshot())
        {
            texts.Add(($"span {span.DisplayName}", span.DisplayName));
            texts.AddRange(span.TagObjects.Select(t => ($"span {span.DisplayName} tag {t.Key}", t.Value?.ToString() ?? "")));
            texts.AddRange(span.Events.Select(e => ($"span {span.DisplayName} event", e.Name + " " + string.Join(" ", e.Tags.Select(t => t.Value)))));
            texts.Add(($"span {span.DisplayName} status", span.StatusDescription ?? ""));
        }

        foreach (var metric in Metrics.Snapshot())
        {
            texts.AddRange(metric.MetricPoints.SelectMany(p => Tags(p).Select(t => ($"metric {metric.Name} tag {t.Key}", t.Value))));
        }

        texts.AddRange(Logs.SelectMany(l => l.Texts.Select(t => ($"log {l.Category}", t))));
        return texts;
    }

    private static Dictionary<string, string> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value?.ToString() ?? "";
        }

        return tags;
    }

    /// <summary>A collection the in-memory exporters add to under a lock, read only by <see cref="Snapshot"/>.</summary>
    internal sealed class Captured<T> : System.Collections.ObjectModel.Collection<T>
    {
        private readonly Lock _gate = new();

        public List<T> Snapshot()
        {
            lock (_gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }

        protected override void ClearItems()
        {
            lock (_gate)
            {
                base.ClearItems();
            }
        }
    }

    internal sealed record LoggedText(string Category, IReadOnlyList<string> Texts);

    private sealed class LogCopier : BaseProcessor<LogRecord>
    {
        private readonly List<LoggedText> _copies = [];

        public IReadOnlyList<LoggedText> Copies
        {
            get
            {
                lock (_copies)
                {
                    return _copies.ToList();
                }
            }
        }

        public override void OnEnd(LogRecord data)
        {
            var texts = new List<string> { data.FormattedMessage ?? "", data.Body ?? "", data.Exception?.ToString() ?? "" };
            texts.AddRange((data.Attributes ?? []).Select(a => a.Key + "=" + a.Value));
            texts.Add("trace " + data.TraceId.ToHexString());
            lock (_copies)
            {
                _copies.Add(new LoggedText(data.CategoryName ?? "", texts));
            }
        }
    }
}
