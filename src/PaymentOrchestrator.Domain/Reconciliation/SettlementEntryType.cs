namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>
/// The report's <c>entryType</c>. Vipps adds types without notice: anything else is <see cref="Unknown"/>, and the
/// entry keeps its raw name (<see cref="SettlementEntry.EntryTypeName"/>).
/// </summary>
public enum SettlementEntryType
{
    Unknown = 0,
    Capture,
    Refund,
    CaptureFee,
    FeesRetained,
    FeesInvoiced,
    ScheduledForPayout,
    PayoutAborted,
    RetainedDisputedCapture,
    ReturnedDisputedCapture,
    Correction,
    TopUp,
}
