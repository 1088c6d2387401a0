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
        DiscrepancyKind.UnknownToUs => $"unknown-{Theirs!.PspReference}",
        DiscrepancyKind.MissingAtVipps => $"missing-{Ours!.Reference}-{Ours.Kind}-{Ours.PspReference ?? Ours.OperationId ?? Ours.IdempotencyKey ?? Ours.At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        _ => $"amount-{Theirs!.PspReference}",
    };
}
