using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Webhooks;

/// <summary>Signed correctly and about a saga: signal it with <see cref="Domain.Sagas.WebhookReceived"/>.</summary>
public sealed record WebhookRouted(SagaKey Saga, string EventName) : WebhookResult;
