using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>
/// One ePayment saga (key MSN + reference), flat so it serializes plainly into a table row. The aggregate mirrors
/// Vipps; captures, refunds and the cancel remember the keys they were issued with.
/// </summary>
public sealed record EpaymentState(
    SagaKey Key,
    EpaymentStatus Status,
    PaymentRequested? Request,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? CreatedAt,
    string? RedirectUrl,
    DateTimeOffset? AuthorizedAt,
    PaymentAggregate Aggregate,
    ImmutableList<CaptureRecord> Captures,
    ImmutableList<RefundRecord> Refunds,
    CancelRecord? Cancel,
    ImmutableList<CaptureDeadlineKind> DeadlinesWarned,
    SagaCore Core) : ISagaState
{
    public static EpaymentState New(SagaKey key) =>
        new(key, EpaymentStatus.New, null, null, null, null, null, PaymentAggregate.Zero(Currency.NOK), [], [], null, [], SagaCore.Empty);

    [JsonIgnore]
    public bool IsFinished => Status is EpaymentStatus.Aborted or EpaymentStatus.Expired or EpaymentStatus.Terminated
        or EpaymentStatus.NeedsAttention;

    /// <summary>Captures accepted but not yet confirmed by Vipps.</summary>
    [JsonIgnore]
    public long PendingCaptureMinorUnits => Captures.Where(c => c.Status == OperationStatus.Pending).Sum(c => c.Amount.MinorUnits);

    [JsonIgnore]
    public long PendingRefundMinorUnits => Refunds.Where(r => r.Status == OperationStatus.Pending).Sum(r => r.Amount.MinorUnits);

    /// <summary>What a new capture may take: authorized − captured − cancelled − captures in flight.</summary>
    [JsonIgnore]
    public long CapturableMinorUnits => Aggregate.RemainingMinorUnits - PendingCaptureMinorUnits;

    /// <summary>What a new refund may take: captured − refunded − refunds in flight.</summary>
    [JsonIgnore]
    public long RefundableMinorUnits => Aggregate.RefundableMinorUnits - PendingRefundMinorUnits;
}
