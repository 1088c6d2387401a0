namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary>Answer of create charge.</summary>
public sealed record ChargeReference
{
    /// <summary>The charge id (the orderId when one was given).</summary>
    public string ChargeId { get; init; } = "";
}
