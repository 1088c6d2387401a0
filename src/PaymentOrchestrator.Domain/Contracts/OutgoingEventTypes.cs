namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>The CloudEvent types the orchestrator publishes to webshops (queue <c>payment-events</c>).</summary>
public static class OutgoingEventTypes
{
    public const string PaymentCreated = "payment.created.v1";
    public const string PaymentAuthorized = "payment.authorized.v1";
    public const string PaymentCaptured = "payment.captured.v1";
    public const string PaymentRefunded = "payment.refunded.v1";
    public const string PaymentCancelled = "payment.cancelled.v1";
    public const string PaymentAborted = "payment.aborted.v1";
    public const string PaymentExpired = "payment.expired.v1";
    public const string PaymentTerminated = "payment.terminated.v1";
    public const string PaymentNeedsAttention = "payment.needs-attention.v1";
    public const string PaymentCaptureDeadlineApproaching = "payment.capture-deadline-approaching.v1";
    public const string PaymentCustomerDetails = "payment.customer-details.v1";
    public const string AgreementPending = "agreement.pending.v1";
    public const string AgreementActivated = "agreement.activated.v1";
    public const string AgreementStopped = "agreement.stopped.v1";
    public const string AgreementExpired = "agreement.expired.v1";
    public const string AgreementNeedsAttention = "agreement.needs-attention.v1";
    public const string AgreementCustomerDetails = "agreement.customer-details.v1";
    public const string ChargeCreated = "charge.created.v1";
    public const string ChargeCharged = "charge.charged.v1";
    public const string ChargeReserved = "charge.reserved.v1";
    public const string ChargeFailed = "charge.failed.v1";
    public const string ChargeCancelled = "charge.cancelled.v1";
    public const string ChargeRefunded = "charge.refunded.v1";
    public const string ChargeNeedsAttention = "charge.needs-attention.v1";
    public const string ReconciliationCompleted = "reconciliation.completed.v1";
    public const string ReconciliationDiscrepancy = "reconciliation.discrepancy.v1";
}
