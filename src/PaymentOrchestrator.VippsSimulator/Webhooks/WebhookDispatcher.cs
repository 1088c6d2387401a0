namespace PaymentOrchestrator.VippsSimulator.Webhooks;

/// <summary>Placeholder until delivery is implemented: accepts events and drops them.</summary>
internal sealed class WebhookDispatcher
{
    public void Publish(string msn, string eventType, object payload)
    {
        ArgumentNullException.ThrowIfNull(msn);
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(payload);
    }
}
