namespace PaymentOrchestrator.Vipps.Report;

/// <summary>
/// One page of a ledger's feed. Keep <paramref name="Cursor"/> and pass it next time; at the end of the feed the
/// entries are empty and the cursor stays (<paramref name="AtEnd"/>: pause at least a second before asking again).
/// </summary>
/// <param name="LedgerId">The ledger.</param>
/// <param name="Topic">Funds or fees.</param>
/// <param name="Entries">New entries since the cursor passed in.</param>
/// <param name="Cursor">Where to continue.</param>
/// <param name="AtEnd">Vipps' <c>tryLater</c>: nothing more for now.</param>
public sealed record FeedPage(string LedgerId, ReportTopic Topic, IReadOnlyList<LedgerTransaction> Entries, string? Cursor, bool AtEnd) : ReportResult
{
    /// <summary>The raw names of entry types this client does not know, if Vipps sent any.</summary>
    public IReadOnlyList<string> UnknownEntryTypes => [.. Entries.Where(e => !e.IsKnownEntryType).Select(e => e.EntryTypeName).Distinct(StringComparer.Ordinal)];
}
