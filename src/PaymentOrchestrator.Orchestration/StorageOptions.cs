namespace PaymentOrchestrator.Orchestration;

/// <summary>
/// Where Table and Queue Storage are (configuration section <c>Storage</c>): a connection string (Azurite,
/// <c>UseDevelopmentStorage=true</c>, account key) or service URIs with a managed identity — never both.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string; for Azure prefer the URIs with a managed identity.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Table service URI, e.g. <c>https://myaccount.table.core.windows.net/</c>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The Queue service URI, e.g. <c>https://myaccount.queue.core.windows.net/</c>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity (with the URIs); null: the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Never prints the connection string (it may hold an account key).</summary>
    public override string ToString() =>
        ConnectionString is not null ? "StorageOptions { ConnectionString = *** }" : $"StorageOptions {{ TableServiceUri = {TableServiceUri}, QueueServiceUri = {QueueServiceUri} }}";
}
