namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// A command written into the saga row before it runs. Only the head of the outbox is executed; it stays there,
/// with its idempotency key, until its result arrives, so a crash re-runs it with the same key.
/// </summary>
/// <param name="Failures">Transient failures so far.</param>
/// <param name="DueAt">Not to be issued before this time (backoff after a transient failure).</param>
/// <param name="IssuedAt">When it was last handed out for execution; null while waiting.</param>
public sealed record OutboxEntry(
    VippsCommand Command,
    int Failures,
    DateTimeOffset DueAt,
    DateTimeOffset? IssuedAt,
    VippsProblem? LastProblem);
