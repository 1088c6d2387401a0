using System.Collections.Frozen;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>The CloudEvent types the orchestrator accepts (DESIGN §7).</summary>
public static class IncomingEventTypes
{
    public const string PaymentRequested = "payment.requested.v1";
    public const string PaymentCaptureRequested = "payment.capture-requested.v1";
    public const string PaymentCancelRequested = "payment.cancel-requested.v1";
    public const string PaymentRefundRequested = "payment.refund-requested.v1";
    public const string AgreementRequested = "agreement.requested.v1";
    public const string AgreementStopRequested = "agreement.stop-requested.v1";
    public const string ChargeRequested = "charge.requested.v1";
    public const string ChargeCaptureRequested = "charge.capture-requested.v1";
    public const string ChargeRefundRequested = "charge.refund-requested.v1";
    public const string ChargeCancelRequested = "charge.cancel-requested.v1";

    public static FrozenSet<string> All { get; } = new[]
    {
        PaymentRequested, PaymentCaptureRequested, PaymentCancelRequested, PaymentRefundRequested,
        AgreementRequested, AgreementStopRequested,
        ChargeRequested, ChargeCaptureRequested, ChargeRefundRequested, ChargeCancelRequested,
    }.ToFrozenSet(StringComparer.Ordinal);
}
