namespace PaymentOrchestrator.Vipps.Recurring;

/// <summary><c>{"status":"STOPPED"}</c>, alone, as Vipps requires.</summary>
internal sealed record StopAgreementBody(string Status);

/// <summary><c>ForceAcceptAgreementV3</c>.</summary>
internal sealed record ForceAcceptBody(string PhoneNumber);

/// <summary><c>CaptureRequestV3</c> / <c>RefundRequest</c>.</summary>
internal sealed record ChargeModificationBody(long Amount, string Description);
