namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>The payment method as GetPayment reports it.</summary>
public sealed record PaymentMethodDetails
{
    /// <summary>WALLET or CARD.</summary>
    public PaymentMethodType Type { get; init; }

    /// <summary>The card's BIN, when known.</summary>
    public string? CardBin { get; init; }
}
