namespace PaymentOrchestrator.VippsSimulator.Accounts;

/// <summary>How an API treats the <c>Merchant-Serial-Number</c> header (vipps-api-notes §3).</summary>
internal enum MsnRule
{
    /// <summary>ePayment: required for every key type.</summary>
    Required,

    /// <summary>Recurring: required for partners, optional for a merchant's own keys.</summary>
    RequiredForPartners,

    /// <summary>Webhooks: optional; partner keys without it act partner-wide.</summary>
    OptionalForPartnerWide,
}
