namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>GetPayment <c>profile</c>.</summary>
public sealed record PaymentProfile
{
    /// <summary>Userinfo subject, once authorized and when a scope was asked for.</summary>
    public string? Sub { get; init; }
}
