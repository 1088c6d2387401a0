namespace PaymentOrchestrator.Vipps.Credentials;

/// <summary>What a call does, for the key-capability check made before any HTTP request.</summary>
public enum VippsOperationKind
{
    /// <summary>Reads (get payment, event log, get/list agreements and charges).</summary>
    Read,

    /// <summary>Creates or changes payments, agreements or charges (create, capture, refund, cancel, stop …).</summary>
    MoveMoney,

    /// <summary>Registers, lists or deletes webhooks.</summary>
    ManageWebhooks,

    /// <summary>Reads settlement ledgers and reports (Report API): accounting keys only.</summary>
    Report,

    /// <summary>
    /// Reads a customer's details (Userinfo API): partner keys (production) or the sales unit's own merchant keys only;
    /// management keys manage sales units and accounting keys read settlements, neither reads personal data.
    /// </summary>
    Userinfo,

    /// <summary>
    /// Reads sales units and sends product orders (Management API): partner or management keys (or a sales unit's own
    /// keys for itself); accounting keys never.
    /// </summary>
    ManageSalesUnits,
}
