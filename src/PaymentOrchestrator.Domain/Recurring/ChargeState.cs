using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Recurring;

/// <summary>
/// One charge saga (key MSN + charge id = the webshop's orderId). Like a payment's, its captures and refunds live in rows
/// of their own; <see cref="InFlight"/> holds those Vipps has not confirmed.
/// </summary>
/// <param name="CaptureCount">Captures accepted so far (in flight or confirmed).</param>
/// <param name="RefundCount">Refunds accepted so far (in flight or confirmed).</param>
public sealed record ChargeState(
    SagaKey Key,
    ChargeStatus Status,
    ChargeRequested? Request,
    DateTimeOffset? RequestedAt,
    ChargeSummary Summary,
    string? FailureReason,
    string? FailureDescription,
    ImmutableList<InFlightOperation> InFlight,
    int CaptureCount,
    int RefundCount,
    CancelRecord? Cancel,
    SagaCore Core) : ISagaState
{
    public static ChargeState New(SagaKey key) =>
        new(key, ChargeStatus.New, null, null, ChargeSummary.Zero(Currency.NOK), null, null, [], 0, 0, null, SagaCore.Empty);

    [JsonIgnore]
    public bool IsFinished => Status is ChargeStatus.Failed or ChargeStatus.Cancelled or ChargeStatus.Refunded
        or ChargeStatus.NeedsAttention;

    [JsonIgnore]
    public long AmountMinorUnits => Request?.Amount.MinorUnits ?? 0;

    /// <summary>amount − captured − cancelled − captures in flight.</summary>
    [JsonIgnore]
    public long CapturableMinorUnits =>
        AmountMinorUnits - Summary.Captured.MinorUnits - Summary.Cancelled.MinorUnits
        - InFlight.Where(o => o.Kind == OperationKind.Capture).Sum(o => o.Amount.MinorUnits);

    /// <summary>captured − refunded − refunds in flight.</summary>
    [JsonIgnore]
    public long RefundableMinorUnits =>
        Summary.Captured.MinorUnits - Summary.Refunded.MinorUnits
        - InFlight.Where(o => o.Kind == OperationKind.Refund).Sum(o => o.Amount.MinorUnits);
}
