using PaymentOrchestrator.Vipps.Epayment;

namespace PaymentOrchestrator.Vipps.Webhooks;

/// <summary>
/// Payload of an ePayment webhook (<c>WebhookEvent</c>). Treat it as a signal and read the payment back; check
/// <see cref="Success"/>; <see cref="PspReference"/> identifies the event, not the payment.
/// </summary>
public sealed record EpaymentWebhookEvent
{
    /// <summary>The sales unit.</summary>
    public MerchantSerialNumber Msn { get; init; }

    /// <summary>The payment's reference.</summary>
    public string Reference { get; init; } = "";

    /// <summary>The event's PSP reference.</summary>
    public string? PspReference { get; init; }

    /// <summary>What happened.</summary>
    public PaymentEventName Name { get; init; }

    /// <summary>The amount of this event.</summary>
    public Amount? Amount { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The key of the request that caused it; sometimes absent.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Whether the operation succeeded.</summary>
    public bool Success { get; init; }
}
