namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>
/// Our registry side by side with Vipps, by MSN. <paramref name="ListProblem"/> says why the units linked to the
/// partner could not be listed (then no <see cref="SalesUnitSyncStatus.NewAtVipps"/> row shows).
/// </summary>
public sealed record SalesUnitSyncView(IReadOnlyList<SalesUnitSyncRow> Rows, string? ListProblem)
{
    public int Count(SalesUnitSyncAction action) => Rows.Count(r => r.Action == action);
}
