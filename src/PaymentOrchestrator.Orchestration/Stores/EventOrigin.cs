namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>The incoming CloudEvent an input came from: its id and source make it unique (CloudEvents 1.0).</summary>
/// <param name="KeyName">
/// The name of the API key that sent it, from authentication (never from the event, so a client cannot choose it);
/// null for an event taken from a queue. The key itself is never recorded.
/// </param>
public sealed record EventOrigin(string EventId, string Source, string Type, string? KeyName = null);
