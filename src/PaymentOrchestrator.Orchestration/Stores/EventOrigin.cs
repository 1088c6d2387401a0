namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>The incoming CloudEvent an input came from: its id and source make it unique (CloudEvents 1.0).</summary>
public sealed record EventOrigin(string EventId, string Source, string Type);
