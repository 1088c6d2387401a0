using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Telemetry;

namespace PaymentOrchestrator.Orchestration.Intake;

/// <summary>
/// The gate every incoming event passes: parse (size limit, malformed JSON, schema and local business rules),
/// authorize (the MSN is a registered, active sales unit bound to the event's <c>source</c> with the right the event
/// type needs (<see cref="SourceRightsRules"/>), the currency is its market's, and the unit's Vipps capabilities allow
/// the request (<see cref="SalesUnitCapabilityRules"/>)). Bad input never throws: it becomes <see cref="IntakeRejected"/>
/// with a reason. Only infrastructure failures (storage unreachable) throw, so the message is retried rather than
/// dead-lettered. Duplicates (source + id) are not looked up here: the saga's save inserts the event's applied-event marker, and only a save that collides
/// with one reads it (<see cref="Running.SagaRunner"/>), so a new event costs no read for it.
/// </summary>
public sealed partial class EventIntake(
    SalesUnitStore salesUnits,
    IOptions<PaymentOrchestratorOptions> options,
    ILogger<EventIntake> logger)
{
    /// <summary>Parses, validates and authorizes one message body.</summary>
    /// <param name="body">The raw CloudEvent JSON.</param>
    /// <param name="allowedTypes">The event types this queue carries (null: any); others are refused as sent to the wrong queue.</param>
    /// <param name="cancellationToken">Cancels the registry look-up.</param>
    public async Task<IntakeResult> AcceptAsync(
        ReadOnlyMemory<byte> body, IReadOnlySet<string>? allowedTypes = null, CancellationToken cancellationToken = default)
    {
        var parsed = IncomingEventParser.Parse(body.Span, options.Value.MaxEventBytes);
        if (parsed is Rejected rejected)
        {
            return Reject(rejected.Code.ToString(), rejected.Message);
        }

        var incoming = ((Parsed)parsed).Event;
        OrchestratorTelemetry.Describe(System.Diagnostics.Activity.Current, incoming);
        if (allowedTypes is not null && !allowedTypes.Contains(incoming.Envelope.Type))
        {
            return Reject(IntakeRejectionCodes.WrongQueue,
                $"type '{incoming.Envelope.Type}' does not belong on this queue (it takes {string.Join(", ", allowedTypes.Order(StringComparer.Ordinal))}).");
        }

        // Unknown, then not bound, then disabled: a unit bound to another source must answer exactly as an unknown one,
        // so its state (disabled or not) is told only to the sources it binds.
        var unit = await salesUnits.GetAsync(incoming.Msn, cancellationToken);
        if (unit is null)
        {
            return Reject(IntakeRejectionCodes.UnknownSalesUnit, $"data.msn: sales unit {incoming.Msn} is not registered.");
        }

        if (!unit.Allows(incoming.Source))
        {
            return Reject(IntakeRejectionCodes.SourceNotBound,
                $"source: '{incoming.Source}' is not bound to sales unit {incoming.Msn}; a publisher may act only for its own sales units.");
        }

        if (!unit.IsActive)
        {
            return Reject(IntakeRejectionCodes.SalesUnitDisabled, $"data.msn: sales unit {incoming.Msn} is {unit.DisabledWhy}");
        }

        if (!unit.May(incoming.Source, SourceRightsRules.NeededFor(incoming.Envelope.Type)))
        {
            return Reject(IntakeRejectionCodes.SourceNotPermitted,
                $"source: '{incoming.Source}' may not send {incoming.Envelope.Type} for sales unit {incoming.Msn} (it may: {SourceRightsRules.Format(unit.RightsOf(incoming.Source))}).");
        }

        if (incoming.Currency is { } currency && currency != unit.Currency)
        {
            return Reject(IntakeRejectionCodes.CurrencyMismatch,
                $"data: currency {currency} does not match sales unit {incoming.Msn}'s market {unit.Market} ({unit.Currency}).");
        }

        if (SalesUnitCapabilityRules.Refusal(unit, incoming.Data) is { } refused)
        {
            return Reject(refused.Code, refused.Message);
        }

        return new IntakeAccepted(SalesUnitCapabilityRules.ForSaga(unit, incoming));
    }

    private IntakeRejected Reject(string code, string message)
    {
        LogRejected(code, message);
        OrchestratorTelemetry.Refused(code);
        return new IntakeRejected(code, message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event refused: {Code}: {Reason}")]
    private partial void LogRejected(string code, string reason);
}
