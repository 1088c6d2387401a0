using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>A timer fired (delayed message or durable timer). The decider does whatever is due at <c>now</c>.</summary>
public sealed record WakeUp : SagaInput;

/// <summary>
/// A verified Vipps webhook for this saga. It is only a signal: the saga reads the resource back rather than trusting
/// the payload.
/// </summary>
public sealed record WebhookReceived(string EventName) : SagaInput;

/// <summary>The result of executing the command with this idempotency key.</summary>
public abstract record CommandResult(IdempotencyKey Key) : SagaInput;

/// <summary>Timeout, 5xx, 429, 423 or a "try again later" code: retry later with the same key.</summary>
public sealed record CommandFailedTransient(IdempotencyKey Key, VippsProblem Problem) : CommandResult(Key);

/// <summary>A 4xx problem that the same request will always get (Vipps caches it against the key).</summary>
public sealed record CommandFailedPermanent(IdempotencyKey Key, VippsProblem Problem) : CommandResult(Key);
