using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>Every capture and refund of one saga, from their own rows, each in the order it was accepted.</summary>
public sealed record SagaOperations(IReadOnlyList<CaptureRecord> Captures, IReadOnlyList<RefundRecord> Refunds)
{
    public static SagaOperations None { get; } = new([], []);
}
