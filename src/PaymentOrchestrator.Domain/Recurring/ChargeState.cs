using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>One charge saga (key MSN + charge id = the webshop's orderId).</summary>
public sealed record ChargeState(
    SagaKey Key,
    ChargeStatus Status,
    ChargeRequested? Request,
    DateTimeOffset? RequestedAt,
    ChargeSummary Summary,
    string? FailureReason,
    string? FailureDescription,
    ImmutableList<CaptureRecord> Captures,
    ImmutableList<RefundRecord> Refunds,
    CancelRecord? Cancel,
    SagaCore Core) : ISagaState
{
    public static ChargeState New(SagaKey key) =>
        new(key, ChargeStatus.New, null, null, ChargeSummary.Zero(Currency.NOK), null, null, [], [], null, SagaCore.Empty);

    [JsonIgnore]
    public bool IsFinished => Status is ChargeStatus.Failed or ChargeStatus.Cancelled or ChargeStatus.Refunded
        or ChargeStatus.NeedsAttention;

    [JsonIgnore]
    public long AmountMinorUnits => Request?.Amount.MinorUnits ?? 0;

    /// <summary>amount − captured − cancelled − captures in flight.</summary>
    [JsonIgnore]
    public long CapturableMinorUnits =>
        AmountMinorUnits - Summary.Captured.MinorUnits - Summary.Cancelled.MinorUnits
        - Captures.Where(c => c.Status == OperationStatus.Pending).Sum(c => c.Amount.MinorUnits);

    /// <summary>captured − refunded − refunds in flight.</summary>
    [JsonIgnore]
    public long RefundableMinorUnits =>
        Summary.Captured.MinorUnits - Summary.Refunded.MinorUnits
        - Refunds.Where(r => r.Status == OperationStatus.Pending).Sum(r => r.Amount.MinorUnits);
}
