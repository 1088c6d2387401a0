using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>
/// One ePayment saga (key MSN + reference), flat so it serializes plainly into a table row. The aggregate mirrors
/// Vipps; the captures and refunds in flight and the cancel remember the keys they were issued with. Captures and
/// refunds themselves live in rows of their own (<see cref="InFlight"/> holds only those Vipps has not confirmed), so
/// the state stays the same size however many there are.
/// </summary>
/// <param name="CaptureCount">Captures accepted so far (in flight or confirmed).</param>
/// <param name="RefundCount">Refunds accepted so far (in flight or confirmed).</param>
/// <param name="CapturedDirectly">Vipps had captured the payment when it first reported it AUTHORIZED (a DirectCapture sales unit).</param>
public sealed record EpaymentState(
    SagaKey Key,
    EpaymentStatus Status,
    PaymentRequested? Request,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? CreatedAt,
    string? RedirectUrl,
    DateTimeOffset? AuthorizedAt,
    PaymentAggregate Aggregate,
    ImmutableList<InFlightOperation> InFlight,
    int CaptureCount,
    int RefundCount,
    CancelRecord? Cancel,
    ImmutableList<CaptureDeadlineKind> DeadlinesWarned,
    SagaCore Core,
    bool CapturedDirectly = false) : ISagaState
{
    public static EpaymentState New(SagaKey key) =>
        new(key, EpaymentStatus.New, null, null, null, null, null, PaymentAggregate.Zero(Currency.NOK), [], 0, 0, null, [], SagaCore.Empty);

    /// <summary>
    /// Vipps captures this payment itself: it was captured at authorization (<see cref="CapturedDirectly"/>, Vipps' own
    /// answer), or, not yet authorized, its sales unit is DirectCapture by the capabilities stored when it was requested.
    /// </summary>
    [JsonIgnore]
    public bool CapturesDirectly => CapturedDirectly
        || (Status is EpaymentStatus.Creating or EpaymentStatus.AwaitingCustomer && Request?.SalesUnitCapturesDirectly == true);

    [JsonIgnore]
    public bool IsFinished => Status is EpaymentStatus.Aborted or EpaymentStatus.Expired or EpaymentStatus.Terminated
        or EpaymentStatus.NeedsAttention;

    /// <summary>Captures accepted but not yet confirmed by Vipps.</summary>
    [JsonIgnore]
    public long PendingCaptureMinorUnits => InFlight.Where(o => o.Kind == OperationKind.Capture).Sum(o => o.Amount.MinorUnits);

    [JsonIgnore]
    public long PendingRefundMinorUnits => InFlight.Where(o => o.Kind == OperationKind.Refund).Sum(o => o.Amount.MinorUnits);

    /// <summary>What a new capture may take: authorized − captured − cancelled − captures in flight.</summary>
    [JsonIgnore]
    public long CapturableMinorUnits => Aggregate.RemainingMinorUnits - PendingCaptureMinorUnits;

    /// <summary>What a new refund may take: captured − refunded − refunds in flight.</summary>
    [JsonIgnore]
    public long RefundableMinorUnits => Aggregate.RefundableMinorUnits - PendingRefundMinorUnits;
}
