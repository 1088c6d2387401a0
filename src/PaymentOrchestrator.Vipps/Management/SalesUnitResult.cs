namespace PaymentOrchestrator.Vipps.Management;

/// <summary>
/// What a sales-unit lookup gave: <see cref="SalesUnitFound"/>, or <see cref="SalesUnitUnavailable"/> when Vipps
/// does not show it to these keys (403 not linked to the partner or unknown, 404 unknown). Other failures stay
/// <see cref="Errors.VippsApiException"/>; keys that may not use the Management API fail before any request with
/// <see cref="Credentials.VippsCredentialException"/>.
/// </summary>
public abstract record SalesUnitResult;
