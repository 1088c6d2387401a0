namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>One operation on a charge.</summary>
public sealed record ChargeHistoryEntry
{
    /// <summary>When.</summary>
    public DateTimeOffset Occurred { get; init; }

    /// <summary>What.</summary>
    public ChargeEventType Event { get; init; }

    /// <summary>Minor units.</summary>
    public long Amount { get; init; }

    /// <summary>The key of the request that caused it.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Whether it succeeded.</summary>
    public bool Success { get; init; }
}
