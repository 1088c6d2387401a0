using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>
/// A person's request to register a unit linked to our keys at Vipps (<c>sales-units add</c>, <c>sales-units sync
/// --register</c>, <c>POST /api/sales-units</c>). Name, business identifier and capabilities come from Vipps, never from
/// here. <paramref name="Market"/> may be left out when Vipps says the merchant's country (the scheme of its business
/// identifier, e.g. <c>business:NO:ORG</c>); <paramref name="KeySetName"/> defaults to <c>Vipps:PartnerKeySet</c>, the
/// environment to <c>Vipps:Environment</c>.
/// </summary>
/// <param name="Msn">The MSN as given.</param>
/// <param name="Sources">Bindings as written on the command line: <c>webshop/acme:payments,captures</c>.</param>
/// <param name="Market">Norway (NO), Denmark (DK) or Finland (FI), or null to derive it.</param>
/// <param name="KeySetName">Its Vipps key set, or null for the partner key set.</param>
/// <param name="Environment">Production or Test, or null for the configured one.</param>
public sealed record SalesUnitRegistrationRequest(
    string? Msn,
    IReadOnlyList<string> Sources,
    string? Market = null,
    string? KeySetName = null,
    VippsEnvironment? Environment = null);
