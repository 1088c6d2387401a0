namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>What a saga's orchestration does next, as decided by <see cref="SagaTurn.Next"/>.</summary>
public abstract record SagaStep;

/// <summary>Run the advance activity: apply a due wake-up, execute the handed-out command, apply its result, publish.</summary>
public sealed record AdvanceStep : SagaStep;

/// <summary>Wait for the next signal, or until <see cref="Until"/> (a durable timer) when it is set.</summary>
public sealed record WaitStep(DateTimeOffset? Until) : SagaStep;

/// <summary>Bound the history: continue as a new execution, which reads the saga first.</summary>
public sealed record ContinueAsNewStep : SagaStep;

/// <summary>The saga is finished and nothing is pending: the orchestration ends (a later input starts a new one).</summary>
public sealed record CompleteStep : SagaStep;
