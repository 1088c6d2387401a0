using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>One saga in a sales unit's listing (no timeline).</summary>
public sealed record SagaSummary(
    SagaKind Kind,
    string Id,
    string Status,
    bool IsFinished,
    string? Currency,
    long? AmountMinorUnits,
    long? CapturedMinorUnits,
    long? RefundedMinorUnits,
    long? CancelledMinorUnits,
    DateTimeOffset? NextWakeUpAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>What happened to the money (<see cref="Domain.Sagas.MoneyStatus"/>), beside the saga's own <see cref="Status"/>.</summary>
    public string MoneyStatus => Domain.Sagas.MoneyStatus.Of(Kind, Status, AmountMinorUnits, CapturedMinorUnits, RefundedMinorUnits, CancelledMinorUnits);
}
