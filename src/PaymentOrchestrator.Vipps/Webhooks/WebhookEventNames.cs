namespace PaymentOrchestrator.Vipps.Webhooks;

/// <summary>Webhook event names (vipps-api-notes §6). Note the single "l" in <c>charge-canceled</c>.</summary>
public static class WebhookEventNames
{
    /// <summary>epayments.payment.created.v1</summary>
    public const string PaymentCreated = "epayments.payment.created.v1";

    /// <summary>epayments.payment.aborted.v1</summary>
    public const string PaymentAborted = "epayments.payment.aborted.v1";

    /// <summary>epayments.payment.expired.v1</summary>
    public const string PaymentExpired = "epayments.payment.expired.v1";

    /// <summary>epayments.payment.cancelled.v1</summary>
    public const string PaymentCancelled = "epayments.payment.cancelled.v1";

    /// <summary>epayments.payment.captured.v1</summary>
    public const string PaymentCaptured = "epayments.payment.captured.v1";

    /// <summary>epayments.payment.refunded.v1</summary>
    public const string PaymentRefunded = "epayments.payment.refunded.v1";

    /// <summary>epayments.payment.authorized.v1</summary>
    public const string PaymentAuthorized = "epayments.payment.authorized.v1";

    /// <summary>epayments.payment.terminated.v1</summary>
    public const string PaymentTerminated = "epayments.payment.terminated.v1";

    /// <summary>recurring.agreement-activated.v1</summary>
    public const string AgreementActivated = "recurring.agreement-activated.v1";

    /// <summary>recurring.agreement-rejected.v1</summary>
    public const string AgreementRejected = "recurring.agreement-rejected.v1";

    /// <summary>recurring.agreement-stopped.v1</summary>
    public const string AgreementStopped = "recurring.agreement-stopped.v1";

    /// <summary>recurring.agreement-expired.v1</summary>
    public const string AgreementExpired = "recurring.agreement-expired.v1";

    /// <summary>recurring.charge-reserved.v1</summary>
    public const string ChargeReserved = "recurring.charge-reserved.v1";

    /// <summary>recurring.charge-captured.v1</summary>
    public const string ChargeCaptured = "recurring.charge-captured.v1";

    /// <summary>recurring.charge-canceled.v1 (one "l", as Vipps spells it).</summary>
    public const string ChargeCanceled = "recurring.charge-canceled.v1";

    /// <summary>recurring.charge-failed.v1</summary>
    public const string ChargeFailed = "recurring.charge-failed.v1";

    /// <summary>recurring.charge-refunded.v1 (newer).</summary>
    public const string ChargeRefunded = "recurring.charge-refunded.v1";

    /// <summary>recurring.charge-creation-failed.v1 (newer).</summary>
    public const string ChargeCreationFailed = "recurring.charge-creation-failed.v1";

    /// <summary>Every ePayment event.</summary>
    public static IReadOnlyList<string> AllPaymentEvents { get; } =
        [PaymentCreated, PaymentAborted, PaymentExpired, PaymentCancelled, PaymentCaptured, PaymentRefunded, PaymentAuthorized, PaymentTerminated];
}
