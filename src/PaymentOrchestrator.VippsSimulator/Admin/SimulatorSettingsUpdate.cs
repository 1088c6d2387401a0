namespace PaymentOrchestrator.VippsSimulator;

/// <summary>Body of <c>PUT /simulator/settings</c>: only the fields that are set change. Also the answer of GET.</summary>
public sealed class SimulatorSettingsUpdate
{
    /// <summary>Production or Test.</summary>
    public SimulatorMode? Mode { get; set; }

    /// <summary>Auto-approve payments and accept agreements after this many milliseconds.</summary>
    public long? AutoApproveAfterMs { get; set; }

    /// <summary>True switches auto-approve off.</summary>
    public bool? DisableAutoApprove { get; set; }

    /// <summary>Switch the documented per-reference rate limits on or off.</summary>
    public bool? RateLimitsEnabled { get; set; }

    /// <summary>Lifetime of new access tokens.</summary>
    public long? TokenLifetimeSeconds { get; set; }

    /// <summary>Expiry of new CREATED payments.</summary>
    public long? PaymentExpirySeconds { get; set; }

    /// <summary>Expiry of new PENDING agreements.</summary>
    public long? AgreementExpirySeconds { get; set; }

    /// <summary>Entries and ledgers per Report API page (1 to 1000).</summary>
    public int? ReportPageSize { get; set; }
}
