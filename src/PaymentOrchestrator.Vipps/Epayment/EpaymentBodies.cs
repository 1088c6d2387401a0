namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary><c>CaptureModificationRequest</c> / <c>RefundModificationRequest</c>.</summary>
internal sealed record ModificationBody(Amount ModificationAmount);

/// <summary>Cancel body; sent only when <c>cancelTransactionOnly</c> is true.</summary>
internal sealed record CancelBody(bool CancelTransactionOnly);
