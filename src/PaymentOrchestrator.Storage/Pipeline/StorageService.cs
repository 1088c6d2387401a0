namespace PaymentOrchestrator.Storage.Pipeline;

/// <summary>Which storage service a pipeline talks to (they differ in Shared Key canonicalization and version).</summary>
internal enum StorageService
{
    Table,
    Queue,
}
