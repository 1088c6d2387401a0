namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>An initial charge processed when the user accepts the agreement.</summary>
public sealed record InitialCharge
{
    /// <summary>Minor units.</summary>
    public required long Amount { get; init; }

    /// <summary>Shown in the app.</summary>
    public required string Description { get; init; }

    /// <summary>DIRECT_CAPTURE or RESERVE_CAPTURE.</summary>
    public required TransactionType TransactionType { get; init; }

    /// <summary>Becomes the charge id; use it for idempotent reconciliation.</summary>
    public string? OrderId { get; init; }

    /// <summary>Shown in settlement reports only.</summary>
    public string? ExternalId { get; init; }
}
