using System.Globalization;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Reconciliation;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// The captures and refunds one saga save records as succeeded: each capture or refund record that goes from pending
/// to succeeded between the loaded and the new state, plus for a Recurring charge Vipps captured on its own (a direct
/// capture charge, no capture record of ours) the captured amount it newly shows. The reference is the payment
/// reference (ePayment) or the charge id (Recurring), as the Report API names them.
/// </summary>
internal static class ExecutedOperations
{
    public static IReadOnlyList<ExecutedOperation> Between(ISagaState? previous, ISagaState current, DateTimeOffset at)
    {
        var key = current.Key;
        var (captures, refunds) = Records(current);
        var (oldCaptures, oldRefunds) = previous is null ? ([], []) : Records(previous);
        var result = new List<ExecutedOperation>();
        foreach (var capture in captures.Where(c => c.Status == OperationStatus.Succeeded && !oldCaptures.Any(o => o.CaptureId == c.CaptureId && o.Status == OperationStatus.Succeeded)))
        {
            result.Add(new ExecutedOperation(key.Msn, key.Id, SettlementOperationKind.Capture, capture.Amount, at, null, capture.Key.Value, capture.CaptureId));
        }

        foreach (var refund in refunds.Where(r => r.Status == OperationStatus.Succeeded && !oldRefunds.Any(o => o.RefundId == r.RefundId && o.Status == OperationStatus.Succeeded)))
        {
            result.Add(new ExecutedOperation(key.Msn, key.Id, SettlementOperationKind.Refund, refund.Amount, at, null, refund.Key.Value, refund.RefundId));
        }

        if (current is ChargeState { Captures.IsEmpty: true } charge)
        {
            var before = (previous as ChargeState)?.Summary.Captured.MinorUnits ?? 0;
            var delta = charge.Summary.Captured.MinorUnits - before;
            if (delta > 0)
            {
                result.Add(new ExecutedOperation(key.Msn, key.Id, SettlementOperationKind.Capture, charge.Summary.Captured with { MinorUnits = delta }, at,
                    null, null, "charged-" + charge.Summary.Captured.MinorUnits.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return result;
    }

    private static (IReadOnlyList<CaptureRecord> Captures, IReadOnlyList<RefundRecord> Refunds) Records(ISagaState state) => state switch
    {
        EpaymentState p => (p.Captures, p.Refunds),
        ChargeState c => (c.Captures, c.Refunds),
        _ => ([], []),
    };

    public static string RowKey(SagaKey saga, ExecutedOperation op) =>
        $"{RowKeyPrefix}{op.At.UtcDateTime.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture)}|{saga.RowKey}|{op.Kind.ToString().ToLowerInvariant()}|{op.OperationId}";

    public static string TimeKey(DateTimeOffset at) =>
        RowKeyPrefix + at.UtcDateTime.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture);

    public const string RowKeyPrefix = "O|";
}
