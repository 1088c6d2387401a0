namespace PaymentOrchestrator.Vipps.Management;

/// <summary>
/// Vipps does not show this sales unit to these keys: 403 (with partner or management keys: not linked to the partner,
/// or no such MSN — the <c>Merchant-Serial-Number</c> header names the unit, and Vipps answers 403 to both) or 404 (no
/// such MSN). Retrying does not help; the merchant must link the unit to the partner first.
/// </summary>
/// <param name="Msn">The MSN asked for.</param>
/// <param name="Status">The HTTP status Vipps answered.</param>
/// <param name="Reason">What Vipps said.</param>
public sealed record SalesUnitUnavailable(MerchantSerialNumber Msn, int Status, string Reason) : SalesUnitResult
{
    /// <summary>True for 403: not linked to these keys (possibly not existing at all).</summary>
    public bool NotLinked => Status == 403;
}
