namespace PaymentOrchestrator.Vipps.Management;

/// <summary>The sales unit, as Vipps describes it to these keys.</summary>
/// <param name="SalesUnit">Its details.</param>
public sealed record SalesUnitFound(SalesUnitDetails SalesUnit) : SalesUnitResult;
