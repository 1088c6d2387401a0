namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>Answer of capture, refund and cancel (<c>ModificationResponse</c>).</summary>
public sealed record PaymentModification
{
    /// <summary>The payment's amount.</summary>
    public Amount? Amount { get; init; }

    /// <summary>The state (stays AUTHORIZED after capture, refund and cancel of an authorized payment).</summary>
    public PaymentState State { get; init; }

    /// <summary>Running totals after this modification.</summary>
    public PaymentAggregate Aggregate { get; init; } = new();

    /// <summary>PSP reference of this modification.</summary>
    public string? PspReference { get; init; }

    /// <summary>The payment's reference.</summary>
    public string Reference { get; init; } = "";
}
