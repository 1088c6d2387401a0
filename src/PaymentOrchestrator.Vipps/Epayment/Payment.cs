namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>Answer of GetPayment (<c>GetPaymentResponse</c>).</summary>
public sealed record Payment
{
    /// <summary>Running totals; read these, not <see cref="State"/>, after authorization.</summary>
    public PaymentAggregate Aggregate { get; init; } = new();

    /// <summary>The payment's amount.</summary>
    public Amount? Amount { get; init; }

    /// <summary>The state.</summary>
    public PaymentState State { get; init; }

    /// <summary>Payment method.</summary>
    public PaymentMethodDetails? PaymentMethod { get; init; }

    /// <summary>Profile.</summary>
    public PaymentProfile? Profile { get; init; }

    /// <summary>Vipps' reference of the payment.</summary>
    public string? PspReference { get; init; }

    /// <summary>Landing page URL, if any.</summary>
    public string? RedirectUrl { get; init; }

    /// <summary>The payment's reference.</summary>
    public string Reference { get; init; } = "";

    /// <summary>Metadata given at create.</summary>
    public IReadOnlyDictionary<string, string?>? Metadata { get; init; }

    /// <summary>Capture is guaranteed until then (newer Vipps versions).</summary>
    public DateTimeOffset? CaptureGuaranteedUntil { get; init; }
}
