namespace PaymentOrchestrator.VippsSimulator.Webhooks;

internal sealed record WebhookDelivery(string EventType, string Msn, string Body);
