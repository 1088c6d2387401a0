namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>
/// The money of every saga a list filter matches (<see cref="PaymentListQuery.TotalsAsync"/>): how many, and per
/// currency what was captured, refunded and what is left. <see cref="Complete"/> is false when the read stopped at
/// <see cref="PaymentListQuery.MaxTotalsScanned"/> index rows: the figures then cover the newest <see cref="Count"/>.
/// </summary>
public sealed record PaymentTotals(int Count, IReadOnlyList<CurrencyTotals> Currencies, bool Complete, int Scanned);

/// <summary>Captured and refunded in one currency, in minor units; net is what stays with the merchant.</summary>
public sealed record CurrencyTotals(string Currency, long CapturedMinorUnits, long RefundedMinorUnits)
{
    public long NetMinorUnits => CapturedMinorUnits - RefundedMinorUnits;
}
