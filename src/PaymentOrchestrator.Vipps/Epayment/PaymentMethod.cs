namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>ePayment <c>paymentMethod</c> of a create request.</summary>
/// <param name="Type">WALLET or CARD.</param>
public sealed record PaymentMethod(PaymentMethodType Type);
