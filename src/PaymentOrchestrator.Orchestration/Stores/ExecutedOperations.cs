using System.Collections.Immutable;
using System.Globalization;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// The captures and refunds one saga save records as succeeded: each capture or refund the save's facts confirm (a
/// fact emitted once, when Vipps' answer to its command arrives), with the amount and key it had in flight, plus for a
/// Recurring charge Vipps captured on its own (a direct capture charge, no capture of ours) the captured amount it
/// newly shows (at the time Vipps' history says it captured), and an ePayment payment Vipps captured at authorization
/// (a DirectCapture sales unit). The reference is the payment reference (ePayment) or the charge id (Recurring), as the
/// Report API names them.
/// </summary>
internal static class ExecutedOperations
{
    public static IReadOnlyList<ExecutedOperation> Between(ISagaState? previous, IReadOnlyList<SagaEvent> events, ISagaState current, DateTimeOffset at)
    {
        var key = current.Key;
        var inFlight = InFlight(previous);
        var result = new List<ExecutedOperation>();
        foreach (var @event in events)
        {
            if (@event is PaymentCapturedDirectly direct)
            {
                // Vipps captured it at authorization (a DirectCapture sales unit): its report has the capture, so we record it too.
                result.Add(new ExecutedOperation(key.Msn, key.Id, SettlementOperationKind.Capture, direct.Amount, at, null, null, "direct-capture"));
                continue;
            }

            var (kind, id) = @event switch
            {
                CaptureConfirmed c => (OperationKind.Capture, c.CaptureId),
                RefundConfirmed r => (OperationKind.Refund, r.RefundId),
                _ => (OperationKind.Capture, (string?)null),
            };
            if (id is not null && inFlight.Find(o => o.Kind == kind && o.Id == id) is { } op)
            {
                var settlementKind = kind == OperationKind.Capture ? SettlementOperationKind.Capture : SettlementOperationKind.Refund;
                result.Add(new ExecutedOperation(key.Msn, key.Id, settlementKind, op.Amount, at, null, op.Key.Value, op.Id));
            }
        }

        if (current is ChargeState { CaptureCount: 0 } charge)
        {
            var before = (previous as ChargeState)?.Summary.Captured.MinorUnits ?? 0;
            var delta = charge.Summary.Captured.MinorUnits - before;
            if (delta > 0)
            {
                // Vipps charged on the due date; we may read it days later (a clock jump, a late poll). The settlement
                // report books it when Vipps captured, so the operation is recorded at that time when Vipps says it.
                var capturedAt = events.OfType<ChargeStatusObserved>().LastOrDefault()?.CapturedAt ?? at;
                result.Add(new ExecutedOperation(key.Msn, key.Id, SettlementOperationKind.Capture, charge.Summary.Captured with { MinorUnits = delta }, capturedAt,
                    null, null, "charged-" + charge.Summary.Captured.MinorUnits.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return result;
    }

    /// <summary>The captures and refunds in flight in a state (none for an agreement or a saga not yet written).</summary>
    public static ImmutableList<InFlightOperation> InFlight(ISagaState? state) => state switch
    {
        EpaymentState p => p.InFlight,
        ChargeState c => c.InFlight,
        _ => [],
    };

    public static string RowKey(SagaKey saga, ExecutedOperation op) =>
        $"{RowKeyPrefix}{op.At.UtcDateTime.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture)}|{saga.RowKey}|{op.Kind.ToString().ToLowerInvariant()}|{op.OperationId}";

    public static string TimeKey(DateTimeOffset at) =>
        RowKeyPrefix + at.UtcDateTime.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture);

    public const string RowKeyPrefix = "O|";
}
