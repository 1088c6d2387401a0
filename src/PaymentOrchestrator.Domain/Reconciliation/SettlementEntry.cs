using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>
/// Vipps' side: one transaction of a ledger date from the Report API (funds or fees topic). Amounts are signed minor
/// units as Vipps sends them; <paramref name="Msn"/> is read from <c>recipientHandle</c> and is null on ledger-wide
/// entries (fees retained, payouts).
/// </summary>
/// <param name="PspReference">Vipps' id of the transaction.</param>
/// <param name="Time">When it happened.</param>
/// <param name="LedgerDate">The ledger date it belongs to.</param>
/// <param name="EntryTypeName">The raw <c>entryType</c>, kept even when unknown.</param>
/// <param name="Reference">The payment reference or charge id, when the entry has one.</param>
/// <param name="Currency">ISO 4217 code as sent.</param>
/// <param name="Amount">Signed minor units.</param>
/// <param name="Msn">The sales unit, when the entry names one.</param>
public sealed record SettlementEntry(
    string PspReference,
    DateTimeOffset Time,
    DateOnly LedgerDate,
    string EntryTypeName,
    string? Reference,
    string Currency,
    long Amount,
    Msn? Msn)
{
    /// <summary>The entry type, or <see cref="SettlementEntryType.Unknown"/> for a name this code does not know.</summary>
    public SettlementEntryType EntryType => Classify(EntryTypeName);

    /// <summary>Maps a wire name (<c>capture</c>, <c>capture-fee</c> …) to its type; unknown names give Unknown.</summary>
    public static SettlementEntryType Classify(string? entryTypeName) => entryTypeName?.ToLowerInvariant() switch
    {
        "capture" => SettlementEntryType.Capture,
        "refund" => SettlementEntryType.Refund,
        "capture-fee" => SettlementEntryType.CaptureFee,
        "fees-retained" => SettlementEntryType.FeesRetained,
        "fees-invoiced" => SettlementEntryType.FeesInvoiced,
        "scheduled-for-payout" => SettlementEntryType.ScheduledForPayout,
        "payout-aborted" => SettlementEntryType.PayoutAborted,
        "retained-disputed-capture" => SettlementEntryType.RetainedDisputedCapture,
        "returned-disputed-capture" => SettlementEntryType.ReturnedDisputedCapture,
        "correction" => SettlementEntryType.Correction,
        "top-up" => SettlementEntryType.TopUp,
        _ => SettlementEntryType.Unknown,
    };

    /// <summary>Capture or refund for a capture or refund entry; null for every other type.</summary>
    public SettlementOperationKind? OperationKind => EntryType switch
    {
        SettlementEntryType.Capture => SettlementOperationKind.Capture,
        SettlementEntryType.Refund => SettlementOperationKind.Refund,
        _ => null,
    };
}
