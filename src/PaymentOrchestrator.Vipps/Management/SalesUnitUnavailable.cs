namespace PaymentOrchestrator.Vipps.Management;

/// <summary>
/// Vipps does not show this sales unit to these keys: 404 (no such MSN) or 403 (with partner or management keys: not
/// linked to the partner). Retrying does not help; the merchant must link the unit to the partner first.
/// </summary>
/// <param name="Msn">The MSN asked for.</param>
/// <param name="Status">The HTTP status Vipps answered.</param>
/// <param name="Reason">What Vipps said.</param>
public sealed record SalesUnitUnavailable(MerchantSerialNumber Msn, int Status, string Reason) : SalesUnitResult
{
    /// <summary>True for 403: the unit exists for someone, but is not linked to these keys.</summary>
    public bool NotLinked => Status == 403;
}
