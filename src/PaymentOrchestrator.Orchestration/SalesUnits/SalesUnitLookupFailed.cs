using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>Vipps could not be asked about the unit (no answer, 5xx, 429 after retries, keys that may not ask).</summary>
/// <param name="Msn">The MSN asked for.</param>
/// <param name="Reason">Why, in one line.</param>
public sealed record SalesUnitLookupFailed(MerchantSerialNumber Msn, string Reason) : SalesUnitResult;
