namespace PaymentOrchestrator.Vipps.Webhooks;

/// <summary>Answer of <c>GET /webhooks/v1/webhooks</c>.</summary>
internal sealed record WebhookList(List<WebhookRegistration>? Webhooks);
