namespace PaymentOrchestrator.Domain.Reconciliation;

/// <summary>One finding with both sides, as far as each exists (one per <c>reconciliation.discrepancy.v1</c>).</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Ours">Our operation (null for <see cref="DiscrepancyKind.UnknownToUs"/>).</param>
/// <param name="Theirs">Vipps' entry (null for <see cref="DiscrepancyKind.MissingAtVipps"/>).</param>
public sealed record Discrepancy(DiscrepancyKind Kind, ExecutedOperation? Ours, SettlementEntry? Theirs)
{
    /// <summary>A stable id for the finding within its sales unit and date (dedupes re-runs of the same day).</summary>
    public string Id => Kind switch
    {
        DiscrepancyKind.UnknownToUs => $"unknown-{EntryId(Theirs!)}",
        DiscrepancyKind.MissingAtVipps => $"missing-{Ours!.Reference}-{Ours.Kind}-{Ours.PspReference ?? Ours.OperationId ?? Ours.IdempotencyKey ?? Ours.At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        _ => $"amount-{EntryId(Theirs!)}",
    };

    /// <summary>
    /// Vipps' id of the entry, or — for an entry that came without one — its type, reference, time and amount, so two
    /// such entries of one date never share a finding id (which would refuse the day's whole write).
    /// </summary>
    private static string EntryId(SettlementEntry entry) => string.IsNullOrWhiteSpace(entry.PspReference)
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{entry.EntryTypeName}-{entry.Reference}-{entry.Time.UtcTicks}-{entry.Amount}")
        : entry.PspReference;
}
