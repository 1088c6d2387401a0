namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>The running totals of a payment: the truth after capture, refund and cancel.</summary>
public sealed record PaymentAggregate
{
    /// <summary>Reserved by the user.</summary>
    public Amount? AuthorizedAmount { get; init; }

    /// <summary>Released by cancel.</summary>
    public Amount? CancelledAmount { get; init; }

    /// <summary>Captured so far.</summary>
    public Amount? CapturedAmount { get; init; }

    /// <summary>Refunded so far.</summary>
    public Amount? RefundedAmount { get; init; }
}
