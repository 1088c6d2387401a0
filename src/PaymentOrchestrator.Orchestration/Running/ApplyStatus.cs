namespace PaymentOrchestrator.Orchestration.Running;

/// <summary>How one <see cref="SagaRunner.ApplyAsync"/> ended.</summary>
public enum ApplyStatus
{
    /// <summary>The input changed the saga; state, timeline and outbox were saved.</summary>
    Applied,

    /// <summary>The input changed nothing (a repeat, or a wake-up with nothing due); nothing was written.</summary>
    NoChange,

    /// <summary>The saga refused the input; the reason is in the timeline (for an existing saga) and in the result.</summary>
    Rejected,

    /// <summary>This incoming event (source + id) was applied before; nothing was written.</summary>
    Duplicate,
}
