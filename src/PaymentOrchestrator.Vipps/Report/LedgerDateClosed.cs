namespace PaymentOrchestrator.Vipps.Report;

/// <summary>A closed ledger date: every entry of the topic, all pages read, in Vipps' order.</summary>
/// <param name="LedgerId">The ledger.</param>
/// <param name="Topic">Funds or fees.</param>
/// <param name="LedgerDate">The date.</param>
/// <param name="Entries">Every entry, unknown entry types included.</param>
public sealed record LedgerDateClosed(string LedgerId, ReportTopic Topic, DateOnly LedgerDate, IReadOnlyList<LedgerTransaction> Entries) : ReportResult
{
    /// <summary>The raw names of entry types this client does not know, if Vipps sent any.</summary>
    public IReadOnlyList<string> UnknownEntryTypes => [.. Entries.Where(e => !e.IsKnownEntryType).Select(e => e.EntryTypeName).Distinct(StringComparer.Ordinal)];
}
