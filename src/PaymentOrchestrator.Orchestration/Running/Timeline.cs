using System.Globalization;
using System.Text.Json;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Running;

/// <summary>Turns one decision into the timeline entries finance reads: what arrived, what was decided, what was called, what was published.</summary>
internal static class Timeline
{
    public static IReadOnlyList<TimelineDraft> For(SagaInput input, Decision decision, EventOrigin? origin)
    {
        var entries = new List<TimelineDraft>
        {
            new(TimelineEntryKind.Received, input.GetType().Name, Describe(input, origin), Json(input), origin),
        };

        foreach (var fact in decision.Events)
        {
            if (fact is CommandQueued { Command: HandOverInitialCharge handOver })
            {
                entries.Add(new(TimelineEntryKind.CommandQueued, handOver.GetType().Name,
                    $"Initial charge {handOver.Charge.ChargeId} to be handed to its own charge saga (key {handOver.Key.Value}); no Vipps call.", Json(handOver)));
            }
            else if (fact is CommandQueued queued)
            {
                entries.Add(new(TimelineEntryKind.CommandQueued, queued.Command.GetType().Name,
                    $"Vipps call '{queued.Command.Operation}' queued with idempotency key {queued.Command.Key.Value}.", Json(queued.Command)));
            }
            else if (fact is not CommandIssued)
            {
                // CommandIssued only marks the outbox head as handed out; the timeline shows the call when queued.
                entries.Add(new(TimelineEntryKind.Decided, fact.GetType().Name, DescribeFact(fact), Json(fact)));
            }
        }

        foreach (var outcome in decision.Outcomes)
        {
            entries.Add(new(TimelineEntryKind.Outcome, outcome.Type, $"Outcome {outcome.Type} for the webshop.", JsonSerializer.Serialize(outcome.Data, SagaStateJson.Options)));
        }

        if (decision.Rejection is { } rejection)
        {
            entries.Add(new(TimelineEntryKind.Rejected, rejection.Code, rejection.Reason, null));
        }
        else if (decision.IsNoOp)
        {
            entries.Add(new(TimelineEntryKind.Decided, "NoChange", "Nothing to do: the input repeats what the saga already knows.", null));
        }

        return entries;
    }

    private static string Describe(SagaInput input, EventOrigin? origin)
    {
        var from = origin is null ? string.Empty
            : $" (event {origin.EventId} from {origin.Source}{(origin.KeyName is { } name ? $", API key '{name}'" : string.Empty)})";
        return input switch
        {
            CommandFailedTransient f => $"Vipps call {f.Key.Value} failed transiently: {Problem(f.Problem)}.",
            CommandFailedPermanent f => $"Vipps call {f.Key.Value} failed: {Problem(f.Problem)}.",
            InitialChargeHandedOver { Refusal: null } h => $"Initial charge handed to its own charge saga (key {h.Key.Value}).",
            InitialChargeHandedOver h => $"Initial charge not followed: its charge saga refused it ({h.Refusal}).",
            InitialChargeAdopted a => $"Initial charge of agreement {a.Charge.AgreementId}, handed over by its agreement's saga{from}: read from Vipps now.",
            CommandResult r => $"Vipps answered call {r.Key.Value}: {r.GetType().Name}.",
            WakeUp => "Wake-up.",
            WebhookReceived w => $"Webhook {w.EventName} received.",
            _ => $"{input.GetType().Name} received{from}.",
        };
    }

    private static string DescribeFact(SagaEvent fact) => fact switch
    {
        PaymentStateObserved s => string.Create(CultureInfo.InvariantCulture,
            $"Vipps state {s.State}: authorized {s.Aggregate.Authorized.MinorUnits}, captured {s.Aggregate.Captured.MinorUnits}, refunded {s.Aggregate.Refunded.MinorUnits}, cancelled {s.Aggregate.Cancelled.MinorUnits} ({s.Aggregate.Currency})."),
        PaymentCapturedDirectly d => string.Create(CultureInfo.InvariantCulture,
            $"Captured directly by Vipps at authorization (DirectCapture sales unit): {d.Amount.MinorUnits} ({d.Amount.Currency}); no capture call is made."),
        NeedsAttentionRaised n => $"Needs attention: {n.Reason}{(n.Problem is { } p ? " — " + Problem(p) : string.Empty)}.",
        CommandRetryScheduled r => string.Create(CultureInfo.InvariantCulture,
            $"Retry {r.Failures} of call {r.Key.Value} scheduled for {r.DueAt:u}, same key."),
        CommandSetAside a => string.Create(CultureInfo.InvariantCulture,
            $"Retry {a.Failures} of call {a.Key.Value} scheduled for {a.DueAt:u}, same key, behind the saga's other calls."),
        CustomerDetailsSent d => $"Customer details read and sent to the webshop: claims {string.Join(", ", d.Claims)} (the values are not kept).",
        PollScheduled p => p.At is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"Next read-back at {at:u}.")
            : "Polling stopped.",
        _ => fact.GetType().Name + ".",
    };

    private static string Problem(VippsProblem p) =>
        string.Create(CultureInfo.InvariantCulture, $"{(p.Status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "no answer")} {p.Title}{(p.ErrorCode is { } c ? " (error " + c + ")" : string.Empty)}");

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, SagaStateJson.Options);
}
