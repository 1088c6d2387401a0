namespace PaymentOrchestrator.Vipps.Userinfo;

/// <summary>
/// What a Userinfo read gave: <see cref="UserinfoFound"/> (the claims the customer consented to share) or
/// <see cref="UserinfoUnavailable"/> (Vipps has nothing for this <c>sub</c> at this sales unit: unknown, from another
/// sales unit, or past the time the data is kept after consent). Real failures (bad keys, an unlinked MSN, 5xx after
/// retries) stay <see cref="Errors.VippsApiException"/>; a key set that may not read personal data fails before any
/// request with <see cref="Credentials.VippsCredentialException"/>.
/// </summary>
public abstract record UserinfoResult;
