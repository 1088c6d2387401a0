using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.CustomerDetails;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// Anything a saga decides on: an incoming request (the parsed CloudEvent's data), a command's result, a wake-up or a
/// webhook signal.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$input")]
[JsonDerivedType(typeof(PaymentRequested), "PaymentRequested")]
[JsonDerivedType(typeof(PaymentCaptureRequested), "PaymentCaptureRequested")]
[JsonDerivedType(typeof(PaymentCancelRequested), "PaymentCancelRequested")]
[JsonDerivedType(typeof(PaymentRefundRequested), "PaymentRefundRequested")]
[JsonDerivedType(typeof(AgreementRequested), "AgreementRequested")]
[JsonDerivedType(typeof(AgreementStopRequested), "AgreementStopRequested")]
[JsonDerivedType(typeof(ChargeRequested), "ChargeRequested")]
[JsonDerivedType(typeof(ChargeCaptureRequested), "ChargeCaptureRequested")]
[JsonDerivedType(typeof(ChargeRefundRequested), "ChargeRefundRequested")]
[JsonDerivedType(typeof(ChargeCancelRequested), "ChargeCancelRequested")]
[JsonDerivedType(typeof(InitialChargeAdopted), "InitialChargeAdopted")]
[JsonDerivedType(typeof(WakeUp), "WakeUp")]
[JsonDerivedType(typeof(WebhookReceived), "WebhookReceived")]
[JsonDerivedType(typeof(CommandFailedTransient), "CommandFailedTransient")]
[JsonDerivedType(typeof(CommandFailedPermanent), "CommandFailedPermanent")]
[JsonDerivedType(typeof(PaymentCreated), "PaymentCreated")]
[JsonDerivedType(typeof(PaymentRead), "PaymentRead")]
[JsonDerivedType(typeof(CaptureSucceeded), "CaptureSucceeded")]
[JsonDerivedType(typeof(RefundSucceeded), "RefundSucceeded")]
[JsonDerivedType(typeof(CancelSucceeded), "CancelSucceeded")]
[JsonDerivedType(typeof(AgreementDrafted), "AgreementDrafted")]
[JsonDerivedType(typeof(AgreementRead), "AgreementRead")]
[JsonDerivedType(typeof(AgreementStopSucceeded), "AgreementStopSucceeded")]
[JsonDerivedType(typeof(InitialChargeHandedOver), "InitialChargeHandedOver")]
[JsonDerivedType(typeof(ChargeCreated), "ChargeCreated")]
[JsonDerivedType(typeof(ChargeRead), "ChargeRead")]
[JsonDerivedType(typeof(ChargeCaptureSucceeded), "ChargeCaptureSucceeded")]
[JsonDerivedType(typeof(ChargeRefundSucceeded), "ChargeRefundSucceeded")]
[JsonDerivedType(typeof(ChargeCancelSucceeded), "ChargeCancelSucceeded")]
[JsonDerivedType(typeof(CustomerDetailsFound), "CustomerDetailsFound")]
[JsonDerivedType(typeof(CustomerDetailsUnavailable), "CustomerDetailsUnavailable")]
public abstract record SagaInput;
