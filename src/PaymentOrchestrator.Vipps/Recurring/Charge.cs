namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>A charge (<c>ChargeResponseV3</c>).</summary>
public sealed record Charge
{
    /// <summary>Charge id.</summary>
    public string Id { get; init; } = "";

    /// <summary>The agreement it belongs to.</summary>
    public string? AgreementId { get; init; }

    /// <summary>Minor units.</summary>
    public long Amount { get; init; }

    /// <summary>Currency.</summary>
    public Currency Currency { get; init; }

    /// <summary>Shown in the app.</summary>
    public string? Description { get; init; }

    /// <summary>Due date.</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary>Status.</summary>
    public ChargeStatus Status { get; init; }

    /// <summary>INITIAL, RECURRING or UNSCHEDULED.</summary>
    public ChargeType Type { get; init; }

    /// <summary>DIRECT_CAPTURE or RESERVE_CAPTURE.</summary>
    public TransactionType TransactionType { get; init; }

    /// <summary>Set once charged.</summary>
    public string? TransactionId { get; init; }

    /// <summary>Retry days.</summary>
    public int RetryDays { get; init; }

    /// <summary>The merchant's own id of the charge.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The merchant's own id of the agreement.</summary>
    public string? ExternalAgreementId { get; init; }

    /// <summary>Why it failed, when FAILED.</summary>
    public ChargeFailureReason? FailureReason { get; init; }

    /// <summary>Text for the failure reason.</summary>
    public string? FailureDescription { get; init; }

    /// <summary>Totals.</summary>
    public ChargeSummary? Summary { get; init; }

    /// <summary>Operations so far.</summary>
    public IReadOnlyList<ChargeHistoryEntry> History { get; init; } = [];
}
