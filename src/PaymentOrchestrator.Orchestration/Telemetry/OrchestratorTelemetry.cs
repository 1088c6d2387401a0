using System.Diagnostics;
using System.Diagnostics.Metrics;
using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Orchestration.Telemetry;

/// <summary>
/// The orchestrator's traces and metrics (System.Diagnostics; the hosts export them with OpenTelemetry by adding
/// <see cref="Name"/> as a source and a meter, beside <c>PaymentOrchestrator.Vipps</c> and the Durable Task
/// Framework's own <c>DurableTask.Core</c>). Attributes follow the OpenTelemetry semantic conventions (messaging,
/// CloudEvents) plus the <c>payment.*</c> namespace: <c>payment.msn</c>, <c>payment.kind</c> (the event type),
/// <c>payment.reference</c>, <c>payment.refusal_code</c>. Never a key, a token or a customer's detail. docs/operations.md
/// lists every name.
/// </summary>
public static class OrchestratorTelemetry
{
    /// <summary>The activity source and the meter of the orchestrator.</summary>
    public const string Name = "PaymentOrchestrator";

    /// <summary>
    /// Every activity source a host traces: ours, the Vipps client's, and the Durable Task libraries' own (the Framework's
    /// <c>DurableTask.Core</c> in the local engine; the SDK's <c>Microsoft.DurableTask</c> in the Functions worker).
    /// </summary>
    public static IReadOnlyList<string> Sources { get; } = [Name, Vipps.Http.VippsTelemetry.Name, "DurableTask.Core", "Microsoft.DurableTask"];

    /// <summary>
    /// Every meter a host exports besides the runtime's and HTTP's: ours, the Vipps client's, and Polly's (the Vipps
    /// client's resilience pipeline: each retry, timeout and circuit-breaker event as <c>resilience.polly.strategy.events</c>).
    /// </summary>
    public static IReadOnlyList<string> Meters { get; } = [Name, Vipps.Http.VippsTelemetry.Name, "Polly"];

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary><c>payment_orchestrator.intake.refusals</c>: incoming events refused at the intake, per code.</summary>
    internal static readonly Counter<long> IntakeRefusals = Meter.CreateCounter<long>(
        "payment_orchestrator.intake.refusals", "{event}", "Incoming events refused at the intake (dead-lettered with the code as reason).");

    /// <summary><c>payment_orchestrator.dead_letters</c>: messages dead-lettered by the orchestrator, per reason.</summary>
    internal static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>(
        "payment_orchestrator.dead_letters", "{message}", "Messages the orchestrator dead-lettered, with their reason.");

    /// <summary><c>payment_orchestrator.outcomes.published</c>: outcome events sent to webshops, per type.</summary>
    internal static readonly Counter<long> OutcomesPublished = Meter.CreateCounter<long>(
        "payment_orchestrator.outcomes.published", "{event}", "Outcome events published to webshops, per type and sales unit (at least once: a retried step may publish one again).");

    /// <summary><c>payment_orchestrator.money.moved</c>: minor units captured, refunded or charged, per currency and operation.</summary>
    internal static readonly Counter<long> MoneyMoved = Meter.CreateCounter<long>(
        "payment_orchestrator.money.moved", "{minor_unit}", "Money moved at Vipps as told to webshops, in minor units, per currency, operation and sales unit.");

    /// <summary><c>payment_orchestrator.reconciliation.discrepancies</c>: findings of reconciliation runs, per kind and sales unit.</summary>
    internal static readonly Counter<long> ReconciliationDiscrepancies = Meter.CreateCounter<long>(
        "payment_orchestrator.reconciliation.discrepancies", "{discrepancy}", "Discrepancies found by reconciliation against Vipps' settlement reports.");

    /// <summary><c>payment_orchestrator.sales_units.changed</c>: registry rows the sync with Vipps changed, per action and sales unit.</summary>
    internal static readonly Counter<long> SalesUnitsChanged = Meter.CreateCounter<long>(
        "payment_orchestrator.sales_units.changed", "{sales_unit}", "Sales units the sync with Vipps updated, disabled as no longer linked, or enabled as linked again.");

    /// <summary><c>payment_orchestrator.commands.withheld</c>: money-moving commands not sent because their sales unit is disabled.</summary>
    internal static readonly Counter<long> CommandsWithheld = Meter.CreateCounter<long>(
        "payment_orchestrator.commands.withheld", "{command}", "Commands that move money withheld (not sent to Vipps) because their sales unit is disabled.");

    /// <summary>
    /// <c>payment_orchestrator.payment.creation.duration</c> (s): from the intake's acceptance of
    /// <c>payment.requested.v1</c> to <c>payment.created.v1</c> sent — the orchestration's start, the Vipps call and the
    /// publish (the webshop's queue time before the intake is in its trace, not here).
    /// </summary>
    internal static readonly Histogram<double> PaymentCreation = Meter.CreateHistogram<double>(
        "payment_orchestrator.payment.creation.duration", "s", "From a payment request's acceptance at the intake to payment.created sent.");

    /// <summary><c>payment_orchestrator.sagas.started</c>: sagas created at Vipps (payment, agreement, charge), per kind.</summary>
    internal static readonly Counter<long> SagasStarted = Meter.CreateCounter<long>(
        "payment_orchestrator.sagas.started", "{saga}", "Sagas whose first Vipps call succeeded (payment.created, agreement.pending, charge.created).");

    /// <summary>
    /// <c>payment_orchestrator.sagas.finished</c>: sagas that reached a state with nothing more to do on their own, per
    /// kind and status — <c>NeedsAttention</c> among them, so its rate is how often a saga stops for a person.
    /// </summary>
    internal static readonly Counter<long> SagasFinished = Meter.CreateCounter<long>(
        "payment_orchestrator.sagas.finished", "{saga}", "Sagas that reached a final state or need attention, per kind and status.");

    /// <summary>
    /// After one step of a saga (the activity): the sagas started and finished, and a payment's creation latency, from
    /// the state before and after it and the outcomes it decided.
    /// </summary>
    public static void Stepped(Domain.Sagas.ISagaState before, Domain.Sagas.ISagaState after, IReadOnlyList<OutgoingEvent> decided, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(decided);
        var kind = new KeyValuePair<string, object?>("payment.saga_kind", after.Key.Kind.ToString());
        var msn = new KeyValuePair<string, object?>("payment.msn", after.Key.Msn.Value);
        if (decided.Any(o => o.Type is OutgoingEventTypes.PaymentCreated or OutgoingEventTypes.AgreementPending or OutgoingEventTypes.ChargeCreated))
        {
            SagasStarted.Add(1, kind, msn);
        }

        if (after.IsFinished && !before.IsFinished)
        {
            SagasFinished.Add(1, kind, msn, new KeyValuePair<string, object?>("payment.saga_status", StatusOf(after)));
        }

        if (after is Domain.Epayment.EpaymentState { RequestedAt: { } requestedAt }
            && decided.Any(o => o.Type == OutgoingEventTypes.PaymentCreated))
        {
            PaymentCreation.Record((now - requestedAt).TotalSeconds, msn);
        }
    }

    private static string StatusOf(Domain.Sagas.ISagaState state) => state switch
    {
        Domain.Epayment.EpaymentState s => s.Status.ToString(),
        Domain.Recurring.AgreementState s => s.Status.ToString(),
        Domain.Recurring.ChargeState s => s.Status.ToString(),
        _ => "Unknown",
    };

    /// <summary>The span of one sales unit's ledger date reconciled (null when nothing listens).</summary>
    internal static Activity? StartReconciliation(string msn, DateOnly ledgerDate)
    {
        var activity = Source.StartActivity("reconcile", ActivityKind.Internal);
        activity?.SetTag("payment.msn", msn);
        activity?.SetTag("payment.ledger_date", ledgerDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return activity;
    }

    /// <summary>Ends a reconciliation's span with its status and counts its discrepancies by kind.</summary>
    internal static void Reconciled(Activity? activity, string msn, string status, IReadOnlyList<string> discrepancyKinds)
    {
        activity?.SetTag("payment.reconciliation_status", status);
        activity?.SetTag("payment.discrepancies", discrepancyKinds.Count);
        foreach (var kind in discrepancyKinds)
        {
            ReconciliationDiscrepancies.Add(1,
                new KeyValuePair<string, object?>("payment.discrepancy_kind", kind),
                new KeyValuePair<string, object?>("payment.msn", msn));
        }
    }

    /// <summary>
    /// The intake span of one incoming message: a child of the webshop's <c>traceparent</c> when the CloudEvent carries
    /// one, else the root of a new trace (null when nothing listens).
    /// </summary>
    internal static Activity? StartIntake(ReadOnlySpan<byte> body)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var parent = CloudEventTrace.ReadTraceParent(body) is { } traceParent && ActivityContext.TryParse(traceParent, null, out var context)
            ? context
            : default;
        var activity = Source.StartActivity("process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.operation.type", "process");
        return activity;
    }

    /// <summary>Tags the intake span with what the event is, once it parsed.</summary>
    internal static void Describe(Activity? activity, IncomingEvent incoming)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("cloudevents.event_id", incoming.Envelope.Id);
        activity.SetTag("cloudevents.event_source", incoming.Source);
        activity.SetTag("cloudevents.event_type", incoming.Envelope.Type);
        activity.SetTag("payment.kind", incoming.Envelope.Type);
        activity.SetTag("payment.msn", incoming.Msn.Value);
    }

    /// <summary>Counts a refusal and marks the intake span with it.</summary>
    internal static void Refused(string code)
    {
        var tag = new KeyValuePair<string, object?>("payment.refusal_code", code);
        IntakeRefusals.Add(1, tag);
        if (Activity.Current is { } activity)
        {
            activity.SetTag("payment.refusal_code", code);
            activity.SetStatus(ActivityStatusCode.Error, code);
        }
    }

    /// <summary>The span of one outcome's publishing (a producer span; its context travels in the event's <c>traceparent</c>).</summary>
    public static Activity? StartPublish(OutgoingEvent outcome, string destination)
    {
        var activity = Source.StartActivity("send " + destination, ActivityKind.Producer);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("messaging.operation.type", "send");
        activity.SetTag("messaging.destination.name", destination);
        activity.SetTag("cloudevents.event_id", outcome.Id);
        activity.SetTag("cloudevents.event_type", outcome.Type);
        activity.SetTag("payment.msn", outcome.Data.Msn);
        activity.SetTag("payment.reference", outcome.Data.Reference);
        return activity;
    }

    /// <summary>The W3C <c>traceparent</c> of a span, for an outgoing event's extension; null without one.</summary>
    public static string? TraceParentOf(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null;

    /// <summary>Counts a published outcome and the money it reports moved.</summary>
    /// <summary>Counts a registry row the sync changed.</summary>
    public static void SalesUnitChanged(string msn, string action) =>
        SalesUnitsChanged.Add(1, new KeyValuePair<string, object?>("payment.sales_unit_action", action), new KeyValuePair<string, object?>("payment.msn", msn));

    /// <summary>Counts a command withheld by the sales-unit money rule.</summary>
    public static void Withheld(string msn, string operation) =>
        CommandsWithheld.Add(1, new KeyValuePair<string, object?>("vipps.operation", operation), new KeyValuePair<string, object?>("payment.msn", msn));

    public static void Published(OutgoingEvent outcome)
    {
        var msn = new KeyValuePair<string, object?>("payment.msn", outcome.Data.Msn);
        OutcomesPublished.Add(1, new KeyValuePair<string, object?>("cloudevents.event_type", outcome.Type), msn);
        if (MovedBy(outcome.Type) is { } operation && outcome.Data.Amount is { } amount)
        {
            MoneyMoved.Add(amount.Value,
                new KeyValuePair<string, object?>("payment.currency", amount.Currency),
                new KeyValuePair<string, object?>("payment.operation", operation),
                msn);
        }
    }

    /// <summary>The money operation an outcome type reports, or null when it moves none.</summary>
    internal static string? MovedBy(string outcomeType) => outcomeType switch
    {
        OutgoingEventTypes.PaymentCaptured => "captured",
        OutgoingEventTypes.PaymentRefunded => "refunded",
        OutgoingEventTypes.PaymentCancelled => "cancelled",
        OutgoingEventTypes.ChargeCharged => "charged",
        OutgoingEventTypes.ChargeRefunded => "charge_refunded",
        _ => null,
    };
}
