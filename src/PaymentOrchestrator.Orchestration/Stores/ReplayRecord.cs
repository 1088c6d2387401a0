namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// One dead letter sent back to its work queue: which, when, and by whom (the API key's name and source); and the
/// letter as it was replayed (<see cref="DeadLetteredAt"/>, <see cref="Reason"/>, <see cref="DeliveryCount"/>), which
/// the transport forgets once the message is back on its queue.
/// </summary>
public sealed record ReplayRecord(
    string Msn,
    DateTimeOffset At,
    string Queue,
    string DeadLetterId,
    string? EventId,
    string? EventType,
    string ReplayedBy,
    string ReplayedBySource)
{
    public DateTimeOffset? DeadLetteredAt { get; init; }

    public string? Reason { get; init; }

    public long? DeliveryCount { get; init; }
}
