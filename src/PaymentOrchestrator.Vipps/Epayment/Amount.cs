namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>An ePayment amount: integer minor units (øre, cents) and its currency.</summary>
/// <param name="Currency">NOK, DKK or EUR; must match the sales unit's market.</param>
/// <param name="Value">Minor units, 0 to 65,000,000.</param>
public sealed record Amount(Currency Currency, long Value);
