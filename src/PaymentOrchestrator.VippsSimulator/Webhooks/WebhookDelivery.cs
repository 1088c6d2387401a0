namespace PaymentOrchestrator.VippsSimulator.Webhooks;

/// <summary>One event for one registration; <paramref name="Subject"/> (a payment reference or an agreement id) orders deliveries.</summary>
internal sealed record WebhookDelivery(string EventType, string Msn, string Subject, string Body);
