using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>
/// One sales unit side by side: what we registered, what Vipps says, and what a refresh does about it.
/// </summary>
/// <param name="Msn">The MSN.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Action">What a refresh does (a comparison alone does nothing).</param>
/// <param name="Registered">Our row, or null for a unit new at Vipps.</param>
/// <param name="AtVipps">What Vipps says, or null when it does not show it (or could not be asked).</param>
/// <param name="Refreshed">The row as the refresh writes it (null: nothing to write).</param>
/// <param name="Note">One line for a person: what changed, or why nothing can.</param>
public sealed record SalesUnitSyncRow(
    string Msn,
    SalesUnitSyncStatus Status,
    SalesUnitSyncAction Action,
    SalesUnit? Registered,
    SalesUnitDetails? AtVipps,
    SalesUnit? Refreshed,
    string Note)
{
    /// <summary>The name to show: Vipps' when it said one, else ours.</summary>
    public string Name => AtVipps?.Name ?? Registered?.Name ?? string.Empty;
}
