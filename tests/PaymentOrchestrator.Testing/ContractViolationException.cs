namespace PaymentOrchestrator.Testing;

/// <summary>A JSON body does not match the official OpenAPI schema it claims to follow.</summary>
public sealed class ContractViolationException(string message) : Exception(message);
