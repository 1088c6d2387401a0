namespace PaymentOrchestrator.VippsSimulator.Webhooks;

/// <summary>Event names the simulator publishes (webhooks-api events.md, vipps-api-notes §6).</summary>
internal static class WebhookEvents
{
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "epayments.payment.created.v1",
        "epayments.payment.aborted.v1",
        "epayments.payment.expired.v1",
        "epayments.payment.cancelled.v1",
        "epayments.payment.captured.v1",
        "epayments.payment.refunded.v1",
        "epayments.payment.authorized.v1",
        "epayments.payment.terminated.v1",
        "recurring.agreement-activated.v1",
        "recurring.agreement-rejected.v1",
        "recurring.agreement-stopped.v1",
        "recurring.agreement-expired.v1",
        "recurring.charge-reserved.v1",
        "recurring.charge-captured.v1",
        "recurring.charge-canceled.v1",
        "recurring.charge-failed.v1",
        "recurring.charge-refunded.v1",
        "recurring.charge-creation-failed.v1",
    };
}
