namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// One line of a saga's timeline, in order: what finance and the on-call engineer read. <see cref="Summary"/> is a
/// sentence; <see cref="Detail"/> is the JSON of the input, fact, command or outcome.
/// </summary>
public sealed record TimelineEntry(
    long Sequence,
    DateTimeOffset At,
    TimelineEntryKind Kind,
    string Type,
    string Summary,
    string? Detail,
    string? EventId = null,
    string? Source = null);
