namespace PaymentOrchestrator.Vipps.Report;

/// <summary>
/// A transaction's <c>entryType</c>. Vipps adds types without notice: an unknown one reads as <see cref="Unknown"/>
/// and the transaction keeps the raw name in <see cref="LedgerTransaction.EntryTypeName"/>.
/// </summary>
public enum LedgerEntryType
{
    /// <summary>A type this client does not know yet (see <see cref="LedgerTransaction.EntryTypeName"/>).</summary>
    Unknown = 0,

    /// <summary><c>capture</c>.</summary>
    Capture,

    /// <summary><c>refund</c>.</summary>
    Refund,

    /// <summary><c>capture-fee</c> (fees topic).</summary>
    CaptureFee,

    /// <summary><c>fees-retained</c> (both topics, opposite signs; net settlement).</summary>
    FeesRetained,

    /// <summary><c>fees-invoiced</c> (gross settlement).</summary>
    FeesInvoiced,

    /// <summary><c>scheduled-for-payout</c>.</summary>
    ScheduledForPayout,

    /// <summary><c>payout-aborted</c>.</summary>
    PayoutAborted,

    /// <summary><c>retained-disputed-capture</c>.</summary>
    RetainedDisputedCapture,

    /// <summary><c>returned-disputed-capture</c>.</summary>
    ReturnedDisputedCapture,

    /// <summary><c>correction</c>.</summary>
    Correction,

    /// <summary><c>top-up</c>.</summary>
    TopUp,
}
