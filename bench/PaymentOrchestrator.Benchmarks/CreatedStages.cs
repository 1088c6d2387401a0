using System.Collections.Concurrent;
using System.Net;
using System.Text;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// Where an order's time to <c>payment.created.v1</c> went, per stage, from what the system records: the saga's timeline
/// (read after the point with <see cref="SagaStore.TimelineAsync"/>), the counting proxy's view of the host's outcome
/// send, and the webshop's own send and read. The host's clock and the bench's are the same machine's.
/// </summary>
/// <param name="Timed">Counted arrivals with every timestamp found (the stage percentiles are theirs).</param>
/// <param name="Intake">Send → the intake's apply (timeline <c>Received</c>): the host's queue pickup and the intake up to its decision.</param>
/// <param name="Answer">Intake → the Vipps answer applied (the <c>payment.created.v1</c> outcome's entry): the intake's save, the
/// orchestration's start, the activity's dispatch, the saga read and the Vipps create call.</param>
/// <param name="Publish">Answer applied → the outcome's queue send seen by the proxy: the save, then the send.</param>
/// <param name="Read">Outcome sent → read by the webshop: the bench's outcome reader's pickup.</param>
/// <param name="Host">Send → the outcome's queue send seen by the proxy: the three stages before <paramref name="Read"/>
/// in one, per arrival — the orchestrator's whole part, without the webshop's read (in Azure a Service Bus receiver is
/// pushed its message; here the bench's reader polls an Azurite queue).</param>
/// <param name="Arrivals">Each timed arrival's stages in milliseconds, in order of sending (for the CSV beside the report).</param>
internal sealed record CreatedStages(
    int Timed, LatencyStats Intake, LatencyStats Answer, LatencyStats Publish, LatencyStats Read, LatencyStats Host, IReadOnlyList<ArrivalStages> Arrivals)
{
    /// <summary>The stages of <paramref name="reads"/>; <paramref name="published"/> holds the proxy's send time by reference.</summary>
    public static async Task<CreatedStages> MeasureAsync(
        SagaStore store, Msn msn, IReadOnlyList<CreatedRead> reads, IReadOnlyDictionary<string, DateTimeOffset> published, double seconds,
        CancellationToken cancellationToken)
    {
        List<double> intake = [], answer = [], publish = [], read = [], host = [];
        var arrivals = new List<ArrivalStages>();
        var first = reads.Count > 0 ? reads.Min(r => r.SentAt) : default;
        foreach (var r in reads.OrderBy(r => r.SentAt))
        {
            var timeline = await store.TimelineAsync(new SagaKey(SagaKind.Payment, msn, r.Reference), cancellationToken);
            var received = timeline.FirstOrDefault(e => e.Kind == TimelineEntryKind.Received);
            var created = timeline.FirstOrDefault(e => e.Kind == TimelineEntryKind.Outcome && e.Type == OutgoingEventTypes.PaymentCreated);
            if (received is null || created is null || !published.TryGetValue(r.Reference, out var sentByHost))
            {
                continue;
            }

            intake.Add((received.At - r.SentAt).TotalMilliseconds);
            answer.Add((created.At - received.At).TotalMilliseconds);
            publish.Add((sentByHost - created.At).TotalMilliseconds);
            read.Add((r.ReadAt - sentByHost).TotalMilliseconds);
            host.Add((sentByHost - r.SentAt).TotalMilliseconds);
            arrivals.Add(new ArrivalStages(r.Reference, (r.SentAt - first).TotalSeconds, r.Elapsed.TotalMilliseconds, intake[^1], answer[^1], publish[^1], read[^1]));
        }

        return new CreatedStages(intake.Count, LatencyStats.From(intake, 0, seconds), LatencyStats.From(answer, 0, seconds),
            LatencyStats.From(publish, 0, seconds), LatencyStats.From(read, 0, seconds), LatencyStats.From(host, 0, seconds), arrivals);
    }

    /// <summary>
    /// Records, from the bodies of the host's sends to its outcome queue, when each <c>payment.created.v1</c> was sent
    /// (the first send of a reference wins; a redelivery's repeat is not the publish that the webshop read).
    /// </summary>
    public static Action<DateTimeOffset, string> RecordCreated(ConcurrentDictionary<string, DateTimeOffset> published) => (at, body) =>
    {
        if (MessageText(body) is { } text && OutcomeReader.Parse(text) is (OutgoingEventTypes.PaymentCreated, var reference))
        {
            published.TryAdd(reference, at);
        }
    };

    /// <summary>The CloudEvent in a Put Message body: <c>&lt;QueueMessage&gt;&lt;MessageText&gt;</c> base64 (the host's encoding) or plain.</summary>
    private static byte[]? MessageText(string body)
    {
        const string open = "<MessageText>", close = "</MessageText>";
        var from = body.IndexOf(open, StringComparison.Ordinal);
        var to = body.IndexOf(close, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            return null;
        }

        var text = WebUtility.HtmlDecode(body[(from + open.Length)..to]).Trim();
        try
        {
            return text.StartsWith('{') ? Encoding.UTF8.GetBytes(text) : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>One arrival's stages (milliseconds), <paramref name="SentSeconds"/> after the first counted arrival was sent.</summary>
internal sealed record ArrivalStages(string Reference, double SentSeconds, double CreatedMs, double IntakeMs, double AnswerMs, double PublishMs, double ReadMs);
