namespace PaymentOrchestrator.Vipps.Report;

/// <summary>
/// One entry of a ledger (<c>Transaction</c> of report-v2.yaml). Amounts are signed minor units as Vipps sends them.
/// Read tolerantly: an unknown <c>entryType</c> is kept raw (<see cref="IsKnownEntryType"/> false), a field Vipps
/// leaves out is null.
/// </summary>
/// <param name="PspReference">Vipps' id of the transaction (one per capture, refund …).</param>
/// <param name="Time">When it happened.</param>
/// <param name="LedgerDate">The ledger date it belongs to.</param>
/// <param name="EntryTypeName">The raw <c>entryType</c>.</param>
/// <param name="Reference">The payment reference (ePayment) or charge id (Recurring), if any.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Amount">Signed minor units.</param>
/// <param name="BalanceBefore">Ledger balance before.</param>
/// <param name="BalanceAfter">Ledger balance after.</param>
/// <param name="RecipientHandle">The sales unit, e.g. <c>NO:123456</c>, if any.</param>
public sealed record LedgerTransaction(
    string PspReference,
    DateTimeOffset? Time,
    DateOnly? LedgerDate,
    string EntryTypeName,
    string? Reference,
    string? Currency,
    long Amount,
    long? BalanceBefore,
    long? BalanceAfter,
    string? RecipientHandle)
{
    /// <summary>The entry type; <see cref="LedgerEntryType.Unknown"/> for a name this client does not know.</summary>
    public LedgerEntryType EntryType => EntryTypeName switch
    {
        "capture" => LedgerEntryType.Capture,
        "refund" => LedgerEntryType.Refund,
        "capture-fee" => LedgerEntryType.CaptureFee,
        "fees-retained" => LedgerEntryType.FeesRetained,
        "fees-invoiced" => LedgerEntryType.FeesInvoiced,
        "scheduled-for-payout" => LedgerEntryType.ScheduledForPayout,
        "payout-aborted" => LedgerEntryType.PayoutAborted,
        "retained-disputed-capture" => LedgerEntryType.RetainedDisputedCapture,
        "returned-disputed-capture" => LedgerEntryType.ReturnedDisputedCapture,
        "correction" => LedgerEntryType.Correction,
        "top-up" => LedgerEntryType.TopUp,
        _ => LedgerEntryType.Unknown,
    };

    /// <summary>False when Vipps sent an entry type this client does not know (kept, and reported by the client).</summary>
    public bool IsKnownEntryType => EntryType != LedgerEntryType.Unknown;

    /// <summary>The sales unit named by <see cref="RecipientHandle"/> (<c>NO:123456</c> or <c>api:123456</c>), if it is an MSN.</summary>
    public MerchantSerialNumber? Msn =>
        RecipientHandle is { } handle && MerchantSerialNumber.TryCreate(handle[(handle.LastIndexOf(':') + 1)..], out var msn) ? msn : null;
}
