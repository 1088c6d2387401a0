namespace PaymentOrchestrator.Vipps.Credentials;

/// <summary>What a key set is and therefore what it may do (vipps-api-notes §8).</summary>
public enum VippsKeyType
{
    /// <summary>Partner keys: production only; act for every linked sales unit named in the MSN header; move money.</summary>
    Partner,

    /// <summary>A sales unit's own keys: act for that MSN only; move money. The only keys that work in test.</summary>
    Merchant,

    /// <summary>Management keys: manage sales units; can never move money.</summary>
    Management,

    /// <summary>Accounting keys: the Report API only (<see cref="Report.VippsReportClient"/>); refused for every other API.</summary>
    Accounting,
}
