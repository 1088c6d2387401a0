namespace PaymentOrchestrator.VippsSimulator.Webhooks;

/// <summary>One delivery attempt, as listed by <c>GET /simulator/webhooks/deliveries</c>.</summary>
internal sealed record WebhookAttempt(Guid WebhookId, string Url, string EventType, string Msn, int Attempt, int? Status, bool Success, string? Error, DateTimeOffset At);
