namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>What the wake-up sweep does with a due index row (<see cref="WakeUpIndex.Decide"/>).</summary>
public enum WakeUpSweepAction
{
    /// <summary>The row is the saga's own and not overdue yet: leave it, the next sweep reads it again.</summary>
    Keep,

    /// <summary>The row is stale (the saga moved on, finished or is gone): delete it, no signal.</summary>
    Delete,

    /// <summary>The saga is overdue: signal it and move its row <see cref="WakeUpIndex.SignalRetry"/> ahead.</summary>
    Signal,
}
