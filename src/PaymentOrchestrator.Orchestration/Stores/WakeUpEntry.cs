using Azure;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>A due row of the wake-up index as the sweep read it: its minute, the saga, and its ETag (deletes are conditional).</summary>
public sealed record WakeUpEntry(string Bucket, SagaKey Key, ETag ETag);
