namespace PaymentOrchestrator.Azurite;

/// <summary>Azurite could not be installed, started or reached; the message says what to do.</summary>
public sealed class AzuriteException(string message, Exception? inner = null) : Exception(message, inner);
