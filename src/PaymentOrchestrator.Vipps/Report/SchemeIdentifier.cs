namespace PaymentOrchestrator.Vipps.Report;

/// <summary>A bank account (<c>BBAN:NO</c>, account number) or an organization (<c>business:NO:ORG</c>, org number).</summary>
/// <param name="Scheme">The identifier's scheme.</param>
/// <param name="Id">The identifier.</param>
public sealed record SchemeIdentifier(string? Scheme, string? Id);
