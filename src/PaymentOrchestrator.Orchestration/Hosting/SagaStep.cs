using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>What a saga's orchestration does next, as decided by <see cref="SagaProgress.Next"/>.</summary>
public abstract record SagaStep;

/// <summary>Run this command (activity Execute), then apply its result (activity Apply).</summary>
public sealed record ExecuteCommandStep(VippsCommand Command) : SagaStep;

/// <summary>Publish the saga's unpublished outcomes (activity Publish).</summary>
public sealed record PublishOutcomesStep : SagaStep;

/// <summary>A wake-up is due: apply <see cref="WakeUp"/> (activity Apply).</summary>
public sealed record ApplyWakeUpStep : SagaStep;

/// <summary>Wait for the next signal, or until <see cref="Until"/> (a durable timer) when it is set.</summary>
public sealed record WaitStep(DateTimeOffset? Until) : SagaStep;

/// <summary>Bound the history: continue as a new execution with <see cref="Input"/>.</summary>
public sealed record ContinueAsNewStep(SagaProgress Input) : SagaStep;

/// <summary>The saga is finished and nothing is pending: the orchestration ends (a later input starts a new one).</summary>
public sealed record CompleteStep : SagaStep;
