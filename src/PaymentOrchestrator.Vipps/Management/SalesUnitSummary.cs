namespace PaymentOrchestrator.Vipps.Management;

/// <summary>One entry of a sales-unit list (management-v1.yaml <c>MsnInfo</c>): the MSN and its name.</summary>
/// <param name="Msn">The sales unit's MSN as Vipps wrote it.</param>
/// <param name="Name">The sales unit's name.</param>
public sealed record SalesUnitSummary(string Msn, string Name);
