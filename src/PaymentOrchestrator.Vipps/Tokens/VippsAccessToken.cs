namespace PaymentOrchestrator.Vipps.Tokens;

/// <summary>A cached access token; the value is a <see cref="Secret"/>, so this record prints no token.</summary>
internal sealed record VippsAccessToken(Secret Value, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt);
