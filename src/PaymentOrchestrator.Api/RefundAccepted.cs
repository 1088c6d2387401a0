namespace PaymentOrchestrator.Api;

/// <summary>Answer of <c>POST /api/refunds</c>: the refund was applied to its saga (or had been before).</summary>
public sealed record RefundAccepted(string Status, string Kind, string Msn, string Id, string? SagaStatus, string EventId);
