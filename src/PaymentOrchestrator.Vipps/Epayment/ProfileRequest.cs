namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>ePayment <c>profile</c>: user information to ask for.</summary>
/// <param name="Scope">Space-separated, e.g. <c>name phoneNumber</c>.</param>
public sealed record ProfileRequest(string Scope);
