using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// One entry point over the three deciders for code that handles any saga by its key (the runner): a fresh state,
/// decide, evolve, next wake-up. Inputs that do not belong to the state's kind are rejections, as in each decider.
/// </summary>
public sealed class SagaDeciders(EpaymentDecider epayment, AgreementDecider agreement, ChargeDecider charge)
{
    public SagaDeciders()
        : this(new EpaymentDecider(), new AgreementDecider(), new ChargeDecider())
    {
    }

    public EpaymentDecider Epayment { get; } = epayment;

    public AgreementDecider Agreement { get; } = agreement;

    public ChargeDecider Charge { get; } = charge;

    /// <summary>The state of a saga that has seen nothing yet.</summary>
    public static ISagaState New(SagaKey key) => key.Kind switch
    {
        SagaKind.Payment => EpaymentState.New(key),
        SagaKind.Agreement => AgreementState.New(key),
        _ => ChargeState.New(key),
    };

    /// <param name="recorded">
    /// What the row of the operation <see cref="OperationNamedBy"/> names recorded (null when it names none, or the row
    /// does not exist): how a repeated capture or refund id is recognised once it is no longer in the state.
    /// </param>
    public Decision Decide(ISagaState state, SagaInput input, DateTimeOffset now, OperationContent? recorded = null) => state switch
    {
        EpaymentState s => Epayment.Decide(s, input, now, recorded),
        AgreementState s => Agreement.Decide(s, input, now),
        ChargeState s => Charge.Decide(s, input, now, recorded),
        _ => Decision.Rejected("unknown-saga-state", $"No decider for {state?.GetType().Name ?? "null"}.", null),
    };

    public static ISagaState Evolve(ISagaState state, SagaEvent @event) => state switch
    {
        EpaymentState s => EpaymentDecider.Evolve(s, @event),
        AgreementState s => AgreementDecider.Evolve(s, @event),
        ChargeState s => ChargeDecider.Evolve(s, @event),
        _ => state,
    };

    /// <summary>Decide, then fold the decision's facts into the state: what the runner saves.</summary>
    public (Decision Decision, ISagaState State) Apply(ISagaState state, SagaInput input, DateTimeOffset now, OperationContent? recorded = null)
    {
        var decision = Decide(state, input, now, recorded);
        return (decision, decision.Events.Aggregate(state, Evolve));
    }

    /// <summary>
    /// The capture or refund whose own row a decision on <paramref name="input"/> needs: the one a capture or refund
    /// request names (to recognise a repeat of its id), or the refund whose result answers the command in flight (its
    /// outcome carries the reason and requester). Null for every other input, and when the saga has accepted no
    /// operation of that kind: a row is written exactly when an operation is accepted, which counts it, so there is none
    /// to read (the first capture of a payment costs no read for it).
    /// </summary>
    public static (OperationKind Kind, string Id)? OperationNamedBy(ISagaState state, SagaInput input) =>
        NamedBy(state, input) is { } named && Accepted(state, named.Kind) > 0 ? named : null;

    /// <summary>Operations of <paramref name="kind"/> the saga has accepted (each has its row); unknown states: assume some.</summary>
    private static int Accepted(ISagaState state, OperationKind kind) => (state, kind) switch
    {
        (EpaymentState s, OperationKind.Capture) => s.CaptureCount,
        (EpaymentState s, OperationKind.Refund) => s.RefundCount,
        (ChargeState s, OperationKind.Capture) => s.CaptureCount,
        (ChargeState s, OperationKind.Refund) => s.RefundCount,
        _ => int.MaxValue,
    };

    private static (OperationKind Kind, string Id)? NamedBy(ISagaState state, SagaInput input) => input switch
    {
        PaymentCaptureRequested c => (OperationKind.Capture, c.CaptureId),
        PaymentRefundRequested r => (OperationKind.Refund, r.RefundId),
        ChargeCaptureRequested c => (OperationKind.Capture, c.CaptureId),
        ChargeRefundRequested r => (OperationKind.Refund, r.RefundId),
        CommandResult result when state?.Core.Head is { } head && head.Command.Key == result.Key => head.Command switch
        {
            RefundPayment r => (OperationKind.Refund, r.RefundId),
            RefundCharge r => (OperationKind.Refund, r.RefundId),
            _ => null,
        },
        _ => null,
    };

    public DateTimeOffset? NextWakeUp(ISagaState state) => state switch
    {
        EpaymentState s => Epayment.NextWakeUp(s),
        AgreementState s => Agreement.NextWakeUp(s),
        ChargeState s => Charge.NextWakeUp(s),
        _ => null,
    };
}
