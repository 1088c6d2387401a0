using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PaymentOrchestrator.Vipps.Http;

/// <summary>
/// The Vipps client's traces and metrics (System.Diagnostics; a host exports them with OpenTelemetry by adding
/// <see cref="Name"/> as a source and a meter). One span per call covers its token, key switch and the resilience
/// handler's retries (each try is an HTTP client span below it). Never a token, a key, a body or a personal value: the
/// attributes are the operation, the MSN, the resource (omitted where it is personal), the idempotency key and the
/// outcome. Names: docs/operations.md.
/// </summary>
public static class VippsTelemetry
{
    /// <summary>The activity source and the meter of the Vipps client.</summary>
    public const string Name = "PaymentOrchestrator.Vipps";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary><c>payment_orchestrator.vipps.call.duration</c> (s): one Vipps call, its retries included.</summary>
    internal static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "payment_orchestrator.vipps.call.duration", "s", "Duration of one Vipps API call, its retries included.");

    /// <summary><c>payment_orchestrator.vipps.token.fetches</c>: access tokens fetched, per key set type and result.</summary>
    internal static readonly Counter<long> TokenFetches = Meter.CreateCounter<long>(
        "payment_orchestrator.vipps.token.fetches", "{fetch}", "Access tokens fetched from Vipps.");

    /// <summary>The span of one call (null when nothing listens).</summary>
    internal static Activity? StartCall(VippsCall call)
    {
        var activity = Source.StartActivity("vipps " + call.Operation, ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("vipps.operation", call.Operation);
        activity.SetTag("payment.msn", call.Msn?.Value);
        if (call.PersonalValues is not { Count: > 0 })
        {
            activity.SetTag("vipps.resource_id", call.ResourceId);
        }

        activity.SetTag("vipps.idempotency_key", call.IdempotencyKey?.Value);
        return activity;
    }

    /// <summary>
    /// The <c>http.response.status_class</c> of a call: <c>2xx</c>, <c>4xx</c>, <c>5xx</c>, <c>429</c> (rate limited, apart
    /// from the other 4xx so that an alert can watch it) or <c>none</c> (no answer).
    /// </summary>
    internal static string StatusClass(int? status) => status switch
    {
        null => "none",
        429 => "429",
        { } s => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s / 100}xx"),
    };

    /// <summary>Ends a call's span and records its duration: <paramref name="status"/> is null when no answer came.</summary>
    internal static void Finish(Activity? activity, VippsCall call, long startedTimestamp, int? status, string outcome, int attempts)
    {
        var seconds = Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds;
        var statusClass = StatusClass(status);
        CallDuration.Record(seconds,
            new KeyValuePair<string, object?>("vipps.operation", call.Operation),
            new KeyValuePair<string, object?>("http.response.status_class", statusClass),
            new KeyValuePair<string, object?>("vipps.outcome", outcome));
        if (activity is null)
        {
            return;
        }

        activity.SetTag("http.response.status_code", status);
        activity.SetTag("vipps.outcome", outcome);
        activity.SetTag("vipps.attempts", attempts);
        if (outcome is "failed" or "no_answer")
        {
            activity.SetStatus(ActivityStatusCode.Error, status is { } code ? "HTTP " + code : "no answer");
            activity.SetTag("error.type", status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no_answer");
        }
    }
}
