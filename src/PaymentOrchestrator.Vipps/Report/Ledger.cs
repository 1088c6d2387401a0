namespace PaymentOrchestrator.Vipps.Report;

/// <summary>A settlement ledger (<c>GET /settlement/v1/ledgers</c>). One ledger may settle several sales units.</summary>
/// <param name="LedgerId">The ledger id used by the report endpoints.</param>
/// <param name="Currency">ISO 4217 code, when Vipps sends it.</param>
/// <param name="PayoutBankAccount">Where payouts go.</param>
/// <param name="Owner">The merchant's organization.</param>
/// <param name="SettlesForRecipientHandles">The points of sale it settles: <c>api:{msn}</c> for ePayment, <c>NO:{number}</c> for Vippsnummer.</param>
public sealed record Ledger(string LedgerId, string? Currency, SchemeIdentifier? PayoutBankAccount, SchemeIdentifier? Owner, IReadOnlyList<string> SettlesForRecipientHandles)
{
    /// <summary>The ePayment/Recurring sales units (the <c>api:</c> handles) this ledger settles.</summary>
    public IReadOnlyList<MerchantSerialNumber> SettledMsns =>
        [.. SettlesForRecipientHandles
            .Where(h => h.StartsWith("api:", StringComparison.Ordinal))
            .Select(h => MerchantSerialNumber.TryCreate(h[4..], out var msn) ? msn : (MerchantSerialNumber?)null)
            .OfType<MerchantSerialNumber>()];

    /// <summary>Whether this ledger settles <paramref name="msn"/>.</summary>
    public bool Settles(MerchantSerialNumber msn) => SettlesForRecipientHandles.Contains("api:" + msn.Value, StringComparer.Ordinal);
}
