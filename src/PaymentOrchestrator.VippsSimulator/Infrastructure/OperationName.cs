namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

/// <summary>Endpoint metadata naming the Vipps operation, used by counters, faults and rate limits.</summary>
internal sealed record OperationName(string Name);
