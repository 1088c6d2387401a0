using Azure;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>The service's answer to one action of a successful transaction.</summary>
/// <param name="Index">0-based position of the action.</param>
/// <param name="Status">HTTP status of the action (204 for most).</param>
/// <param name="ETag">The entity's new ETag; null for deletes.</param>
public sealed record TableTransactionResult(int Index, int Status, ETag? ETag);
