namespace PaymentOrchestrator.Functions;

/// <summary>A Service Bus dead letter as the console shows it (the same fields as the local host's poison-queue view).</summary>
public sealed record ServiceBusDeadLetterView(
    string MessageId,
    string Reason,
    string Description,
    string Queue,
    DateTimeOffset PoisonedAt,
    long DequeueCount,
    string? Msn,
    string? EventType,
    string? EventId,
    string? Source,
    string OriginalEncoding,
    string Original,
    bool OriginalTruncated);
