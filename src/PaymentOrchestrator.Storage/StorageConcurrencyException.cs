namespace PaymentOrchestrator.Storage;

/// <summary>
/// An optimistic-concurrency condition failed (HTTP 412, e.g. <c>UpdateConditionNotSatisfied</c>): the entity changed
/// since its ETag was read. Re-read and retry the decision. Every single-entity 412 of this library is this type; inside
/// a transaction the failure is a <see cref="Tables.TableTransactionFailedException"/> with status 412.
/// </summary>
public sealed class StorageConcurrencyException : StorageRequestFailedException
{
    /// <summary>Creates the exception.</summary>
    public StorageConcurrencyException(
        string operation, string resource, string? errorCode, string? requestId, string? serviceMessage)
        : base(operation, resource, 412, errorCode, requestId, serviceMessage)
    {
    }
}
