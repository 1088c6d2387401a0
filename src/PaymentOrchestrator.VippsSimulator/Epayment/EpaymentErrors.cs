namespace PaymentOrchestrator.VippsSimulator.Epayment;

/// <summary>
/// ePayment error codes (carried as <c>extraDetails[{name:"ErrorCode",reason:code}]</c>), from Vipps' own list in
/// vippsas/agent-toolkit <c>plugins/vipps/skills/epayment/references/errors.md</c> (2026; newer than the 2024 spec, which
/// has no extraDetails).
/// </summary>
internal static class EpaymentErrors
{
    public const string CaptureIdempotencyConflict = "4010";
    public const string IdempotencyKeyExists = "4020";
    public const string InvalidAmount = "4040";
    public const string InvalidPhoneNumber = "4070";
    public const string InvalidUrl = "4090";
    public const string MetadataCapacityExceeded = "4100";
    public const string MetadataKeyTooLong = "4120";
    public const string MetadataValueTooLong = "4130";
    public const string MissingRequiredParameter = "4140";
    public const string ReferenceExistsOrRefundConflict = "4150";
    public const string InvalidCurrencyForMerchant = "5040";
    public const string LongLivingNotAllowed = "5050";
    public const string PaymentCannotBeCreated = "5070";
    public const string PushMessageNotAllowed = "5080";
    public const string ReferenceNotFound = "5090";
    public const string AmountTooSmall = "6010";
    public const string RefundBeforeReservation = "6020";
    public const string CancelPeriodExpired = "6030";
    public const string CannotCancelCaptured = "6040";
    public const string CannotCancelAuthorized = "6060";
    public const string CannotCaptureCancelled = "6070";
    public const string CaptureBeforeReservation = "6080";
    public const string CaptureAmountTooHigh = "6090";
    public const string CapturePeriodExpired = "6100";
    public const string ExpirationTooLate = "6110";
    public const string ExpirationTooSoon = "6120";
    public const string LongLivingNeedsReceipt = "6130";
    public const string MustCaptureFullAmount = "6140";
    public const string NotEnoughRefundable = "6150";
    public const string CannotBeCancelled = "6190";
    public const string CannotBeCaptured = "6200";
    public const string CannotBeRefunded = "6210";
    public const string RefundPeriodExpired = "6220";
    public const string AlreadyReserved = "6230";
    public const string ApproveFailed = "10010";
    public const string ApproveNotAllowed = "10020";
}
