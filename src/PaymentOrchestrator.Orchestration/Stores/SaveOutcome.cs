namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>How a conditional saga write ended.</summary>
public enum SaveOutcome
{
    /// <summary>Everything was written.</summary>
    Saved,

    /// <summary>Another writer changed (or created) the saga row first: reload and decide again.</summary>
    Conflict,

    /// <summary>The incoming event was already applied: nothing was written.</summary>
    Duplicate,
}
