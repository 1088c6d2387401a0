namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>What the wake-up sweep does with a due index row (<see cref="WakeUpIndex.Decide"/>).</summary>
public enum WakeUpSweepAction
{
    /// <summary>The row is the saga's own and not overdue yet: leave it, the next sweep reads it again.</summary>
    Keep,

    /// <summary>The saga needs no row (finished, waiting for input only, or gone): delete it, no signal.</summary>
    Delete,

    /// <summary>The saga is overdue: move its row <see cref="WakeUpIndex.SignalRetry"/> ahead and signal it.</summary>
    Signal,

    /// <summary>The row is earlier than the saga's attention: move it to the attention's minute, no signal.</summary>
    Move,
}
