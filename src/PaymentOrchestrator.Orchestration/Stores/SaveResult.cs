namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>How a conditional saga write ended and, when it was saved, the row as written (with its new ETag).</summary>
/// <param name="Saga">The saved row; null when not saved, or when the service returned no ETag (the next apply reads it).</param>
public sealed record SaveResult(SaveOutcome Outcome, StoredSaga? Saga);
