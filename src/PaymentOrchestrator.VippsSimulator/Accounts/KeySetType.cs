namespace PaymentOrchestrator.VippsSimulator;

/// <summary>The kind of an API key set, as Vipps distinguishes them.</summary>
public enum KeySetType
{
    /// <summary>Partner keys: one key set for every linked sales unit; the MSN header chooses the merchant.</summary>
    Partner,

    /// <summary>A merchant's own keys for one sales unit.</summary>
    Merchant,

    /// <summary>Management keys: may read, may not move money.</summary>
    Management,

    /// <summary>Accounting keys: Report API only; refused by ePayment, Recurring and Webhooks.</summary>
    Accounting,
}
