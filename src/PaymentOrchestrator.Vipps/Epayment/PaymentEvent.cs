namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>One entry of the payment event log.</summary>
public sealed record PaymentEvent
{
    /// <summary>The payment's reference.</summary>
    public string Reference { get; init; } = "";

    /// <summary>The event's own PSP reference (not the payment's).</summary>
    public string? PspReference { get; init; }

    /// <summary>What happened.</summary>
    public PaymentEventName Name { get; init; }

    /// <summary>The amount of this event.</summary>
    public Amount? Amount { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The idempotency key of the request that caused it, if any (raw: other systems may use other formats).</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Whether the operation succeeded.</summary>
    public bool Success { get; init; }
}
