using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Intake;

/// <summary>
/// What a sales unit's capabilities (what the Vipps Management API said at registration) forbid, decided before any
/// Vipps call. Only a capability Vipps stated as false refuses: a unit without capabilities (registered before they
/// were kept) or a capability Vipps left out allows everything, and Vipps refuses if it must. Only new work is refused
/// (a payment, an agreement, a charge): captures, refunds, cancels and stops of what exists go on.
/// </summary>
public static class SalesUnitCapabilityRules
{
    /// <summary>The refusal for <paramref name="data"/> at <paramref name="unit"/>, or null when its capabilities allow it.</summary>
    public static IntakeRejected? Refusal(SalesUnit unit, IncomingData data)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (unit.Capabilities is not { } can)
        {
            return null;
        }

        return data switch
        {
            PaymentRequested when can.PaymentAllowed == false => new IntakeRejected(IntakeRejectionCodes.PaymentsNotAllowed,
                $"data.msn: sales unit {unit.Msn} may not take payments (Vipps says paymentAllowed: false)."),
            // ePayment has no skipLandingPage field: PUSH_MESSAGE is the flow that skips the landing page (epayment-v1.yaml userFlow).
            PaymentRequested { UserFlow: UserFlow.PushMessage } when can.SkipLandingPageAllowed == false => new IntakeRejected(
                IntakeRejectionCodes.SkipLandingPageNotAllowed,
                $"data.userFlow: sales unit {unit.Msn} may not skip the landing page (Vipps says skipLandingPageAllowed: false), so PUSH_MESSAGE is refused; use WEB_REDIRECT or QR."),
            AgreementRequested or ChargeRequested when can.RecurringAllowed == false => new IntakeRejected(
                IntakeRejectionCodes.RecurringNotAllowed,
                $"data.msn: sales unit {unit.Msn} has no Recurring API (Vipps says recurringAllowed: false); agreements and charges for it are refused."),
            _ => null,
        };
    }

    /// <summary>
    /// <paramref name="incoming"/> as its saga should see it: a payment request for a DirectCapture unit is marked
    /// (<see cref="PaymentRequested.SalesUnitCapturesDirectly"/>), so the saga expects Vipps' capture at authorization.
    /// </summary>
    public static IncomingEvent ForSaga(SalesUnit unit, IncomingEvent incoming)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(incoming);
        return incoming.Data is PaymentRequested request && unit.Capabilities?.CaptureType == CaptureType.DirectCapture
            ? incoming with { Data = request with { SalesUnitCapturesDirectly = true } }
            : incoming;
    }
}
