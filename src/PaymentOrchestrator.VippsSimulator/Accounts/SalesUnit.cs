namespace PaymentOrchestrator.VippsSimulator.Accounts;

internal sealed record SalesUnit(
    string Msn,
    string Name,
    string Country,
    string Currency,
    bool AllowPartialCapture,
    bool RecurringEnabled,
    bool PushMessageAllowed,
    bool LongLivingPaymentsAllowed,
    string OrganizationNumber,
    bool PaymentAllowed,
    string CaptureType)
{
    /// <summary>Capture deadline after reservation: 180 days in Norway, 14 in Denmark and Finland (vipps-api-notes §4).</summary>
    public TimeSpan CaptureWindow => Country == "NO" ? TimeSpan.FromDays(180) : TimeSpan.FromDays(14);
}
