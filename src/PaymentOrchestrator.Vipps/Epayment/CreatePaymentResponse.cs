namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>Answer of create payment.</summary>
public sealed record CreatePaymentResponse
{
    /// <summary>The payment's reference.</summary>
    public string Reference { get; init; } = "";

    /// <summary>Landing page, deeplink or QR link; absent for PUSH_MESSAGE. May be a custom scheme, so a string.</summary>
    public string? RedirectUrl { get; init; }
}
