namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>What a refresh does to a registered unit. A new unit at Vipps is never registered by a refresh.</summary>
public enum SalesUnitSyncAction
{
    None,

    /// <summary>Its name, business identifier or capabilities changed at Vipps: the row takes them.</summary>
    Update,

    /// <summary>Vipps no longer links it: disabled, with the reason stored.</summary>
    Disable,

    /// <summary>Disabled by an earlier refresh as unlinked, and linked again: enabled (and updated).</summary>
    Enable,
}
