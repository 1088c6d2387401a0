namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>Where a sales unit stands between Vipps and our registry.</summary>
public enum SalesUnitSyncStatus
{
    /// <summary>Linked to our keys at Vipps, not registered here: register it to take events for it.</summary>
    NewAtVipps,

    /// <summary>Linked and registered (its name or capabilities may have changed at Vipps).</summary>
    Registered,

    /// <summary>Registered, but Vipps no longer shows it to our keys (403 not linked, 404 unknown).</summary>
    NoLongerLinked,

    /// <summary>Registered; Vipps could not be asked about it now (nothing is changed).</summary>
    NotRead,
}
