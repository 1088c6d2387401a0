namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// What replays did not erase about one dead-lettered event (by queue and CloudEvent id, <see cref="ReplayLog"/>): when,
/// why and after how many deliveries it was first dead-lettered, and every replay since (the last <see cref="ReplayLog.KeptReplayTimes"/> times).
/// </summary>
public sealed record DeadLetterHistory(
    DateTimeOffset FirstDeadLetteredAt,
    string FirstReason,
    long FirstDeliveryCount,
    int ReplayCount,
    IReadOnlyList<DateTimeOffset> ReplayedAt);
