namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

/// <summary>Which Vipps API a request belongs to; decides the error body format.</summary>
internal enum ApiFamily
{
    AccessToken,
    Epayment,
    Recurring,
    Webhooks,
    Report,
    Userinfo,
    Management,
}
