namespace PaymentOrchestrator.Vipps;

/// <summary>
/// Which Vipps MobilePay system is called. Test ("MT", https://apitest.vipps.no) and production
/// (https://api.vipps.no) are separate: keys, MSNs and webhook registrations differ, and partner keys work only in
/// production.
/// </summary>
public enum VippsEnvironment
{
    /// <summary>https://apitest.vipps.no: each sales unit's own merchant test keys.</summary>
    Test,

    /// <summary>https://api.vipps.no: partner keys for linked sales units.</summary>
    Production,
}
