using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>
/// What registering gave: the unit written, or why nothing was: <see cref="Problems"/> naming the field (bad input),
/// or <see cref="NotAtVipps"/> (Vipps does not show the unit to our keys, in one line), or <see cref="VippsUnreachable"/>
/// (why Vipps could not be asked; the caller says where it asked).
/// </summary>
public sealed record SalesUnitRegistrationResult(SalesUnit? Unit, IReadOnlyList<string> Problems, string? NotAtVipps = null, string? VippsUnreachable = null)
{
    public static SalesUnitRegistrationResult Invalid(IReadOnlyList<string> problems) => new(null, problems);
}
