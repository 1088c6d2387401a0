namespace PaymentOrchestrator.Api;

/// <summary>Who called, by API key: a name for logs and the CloudEvents source the call acts as.</summary>
public sealed record ApiCaller(string Name, string Source);
