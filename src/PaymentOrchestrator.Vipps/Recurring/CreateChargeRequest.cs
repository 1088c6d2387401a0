namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Body of <c>POST /recurring/v3/agreements/{id}/charges</c> (<c>CreateChargeV3</c>).</summary>
public sealed record CreateChargeRequest
{
    /// <summary>Minor units, at least 100 (a plain integer, not ePayment's amount object).</summary>
    public required long Amount { get; init; }

    /// <summary>DIRECT_CAPTURE or RESERVE_CAPTURE.</summary>
    public required TransactionType TransactionType { get; init; }

    /// <summary>1–45 characters, shown in the app.</summary>
    public required string Description { get; init; }

    /// <summary>Due date; design for at least 2 days ahead.</summary>
    public required DateOnly Due { get; init; }

    /// <summary>0–14 days of retries after the due date (at least 2 recommended).</summary>
    public required int RetryDays { get; init; }

    /// <summary>At most 50 characters of [a-zA-Z0-9-]; becomes the charge id.</summary>
    public string? OrderId { get; init; }

    /// <summary>At most 64 characters; shown in settlement reports.</summary>
    public string? ExternalId { get; init; }
}
