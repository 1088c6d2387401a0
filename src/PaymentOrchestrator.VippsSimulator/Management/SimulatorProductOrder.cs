namespace PaymentOrchestrator.VippsSimulator;

/// <summary>
/// A product order as the simulator keeps it (in its state file) and its admin API shows it. Completing it creates the
/// sales unit <see cref="Msn"/>, linked to <see cref="LinkedClientIds"/>.
/// </summary>
/// <param name="Id">The <c>prefilledOrderId</c>.</param>
/// <param name="OwnerClientId">The key set that sent it.</param>
/// <param name="OrganizationNumber">The merchant's organisation number (<c>business:NO:ORG</c>).</param>
/// <param name="ProductType">The product ordered, e.g. <c>VIPPS_PA_NETT</c>.</param>
/// <param name="SalesUnitName">The name asked for, if any.</param>
/// <param name="History">Every status reached, oldest first; the last is the current one.</param>
/// <param name="Msn">The sales unit created on completion.</param>
/// <param name="LinkedClientIds">The partner and management key sets the new unit is linked to (set on completion).</param>
public sealed record SimulatorProductOrder(
    Guid Id,
    string OwnerClientId,
    string OrganizationNumber,
    string ProductType,
    string? SalesUnitName,
    IReadOnlyList<ProductOrderStep> History,
    string? Msn = null,
    IReadOnlyList<string>? LinkedClientIds = null)
{
    /// <summary>The current status.</summary>
    public string Status => History[^1].Status;
}
