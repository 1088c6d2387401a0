namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>One dead letter sent back to its work queue: which, when, and by whom (the API key's name and source).</summary>
public sealed record ReplayRecord(
    string Msn,
    DateTimeOffset At,
    string Queue,
    string DeadLetterId,
    string? EventId,
    string? EventType,
    string ReplayedBy,
    string ReplayedBySource);
