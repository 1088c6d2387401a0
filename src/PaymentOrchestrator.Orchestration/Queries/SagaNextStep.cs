using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>Why a saga stopped: the saga's reason and the Vipps problem (if Vipps answered with one).</summary>
public sealed record AttentionView(
    string Reason, int? VippsStatus, string? ErrorCode, string? Title, string? Detail, string? TraceId, string? Command, DateTimeOffset At);

/// <summary>A capture deadline of an authorized payment (<c>card-hold</c> or <c>market</c>).</summary>
public sealed record CaptureDeadlineView(string Kind, DateTimeOffset Deadline);

/// <summary>
/// What a person can do next with a saga, derived from its state: what may still be refunded or captured (what the
/// saga itself would accept), the customer's approval link while it waits, why it needs attention, and the capture
/// deadlines of an authorized payment.
/// </summary>
public sealed record SagaNextStep(
    string Status,
    string? Currency,
    long? RefundableMinorUnits,
    long? CapturableMinorUnits,
    string? ApprovalUrl,
    AttentionView? Attention,
    IReadOnlyList<CaptureDeadlineView> CaptureDeadlines)
{
    public static SagaNextStep From(ISagaState state, EpaymentDecider epayment)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(epayment);
        var attention = state.Core.Attention is { } a
            ? new AttentionView(a.Reason, a.Problem?.Status, a.Problem?.ErrorCode, a.Problem?.Title, a.Problem?.Detail, a.Problem?.TraceId,
                a.Command?.GetType().Name, a.At)
            : null;
        return state switch
        {
            EpaymentState p => new SagaNextStep(
                p.Status.ToString(), p.Aggregate.Currency.ToString(),
                Math.Max(0, p.RefundableMinorUnits), Math.Max(0, p.CapturableMinorUnits),
                p.Status == EpaymentStatus.AwaitingCustomer ? p.RedirectUrl : null,
                attention,
                p.Status == EpaymentStatus.Authorized && p.CapturableMinorUnits > 0
                    ? [.. epayment.CaptureDeadlines(p).Select(d => new CaptureDeadlineView(d.Kind == CaptureDeadlineKind.CardHold ? "card-hold" : "market", d.Deadline))]
                    : []),
            ChargeState c => new SagaNextStep(
                c.Status.ToString(), c.Summary.Captured.Currency.ToString(),
                Math.Max(0, c.RefundableMinorUnits), null, null, attention, []),
            AgreementState g => new SagaNextStep(
                g.Status.ToString(), null, null, null,
                g.Status == AgreementStatus.Pending ? g.ConfirmationUrl : null, attention, []),
            _ => new SagaNextStep("Unknown", null, null, null, null, attention, []),
        };
    }
}
