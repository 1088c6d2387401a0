using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Orchestration.Processing;

/// <summary>Which incoming event types each queue carries.</summary>
public static class EventTypeSets
{
    /// <summary><c>refund-requests</c>: finance's refunds only.</summary>
    public static IReadOnlySet<string> RefundRequests { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        IncomingEventTypes.PaymentRefundRequested,
        IncomingEventTypes.ChargeRefundRequested,
    };

    /// <summary><c>payment-requests</c>: everything a webshop sends (refunds too, when a webshop issues them).</summary>
    public static IReadOnlySet<string>? PaymentRequests => null;
}
