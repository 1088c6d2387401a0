using System.Text.Json;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>
/// One saga as the API shows it: where it stands, its state as stored plus every capture and refund (from their own
/// rows), and its whole timeline.
/// </summary>
public sealed record SagaView(SagaSummary Summary, JsonElement State, IReadOnlyList<TimelineEntry> Timeline);
