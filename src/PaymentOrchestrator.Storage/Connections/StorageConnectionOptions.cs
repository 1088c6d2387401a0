using Azure.Core;
using Azure.Identity;

namespace PaymentOrchestrator.Storage.Connections;

/// <summary>
/// Bindable storage settings (e.g. section <c>Storage</c>): either <see cref="ConnectionString"/> (local, Azurite) or
/// <see cref="TableServiceUri"/>/<see cref="QueueServiceUri"/> with managed identity (Azure).
/// </summary>
public sealed class StorageConnectionOptions
{
    /// <summary>A storage connection string (contains the account key: never log it).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table service URI, used with a token credential.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Queue service URI, used with a token credential.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; null for the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// Builds the connection. With service URIs and no <paramref name="credential"/>, a
    /// <see cref="ManagedIdentityCredential"/> is used.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing or both kinds are configured; the message says what to set.</exception>
    public StorageConnection CreateConnection(TokenCredential? credential = null)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasUris = TableServiceUri is not null || QueueServiceUri is not null;
        if (hasConnectionString && hasUris)
        {
            throw new InvalidOperationException(
                "Storage: set either ConnectionString or TableServiceUri/QueueServiceUri, not both.");
        }

        if (hasConnectionString)
        {
            return StorageConnection.Parse(ConnectionString!);
        }

        if (!hasUris)
        {
            throw new InvalidOperationException(
                "Storage is not configured: set Storage:ConnectionString (e.g. UseDevelopmentStorage=true) or Storage:TableServiceUri and Storage:QueueServiceUri.");
        }

        credential ??= ManagedIdentityClientId is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        return new StorageConnection(TableServiceUri, QueueServiceUri, credential);
    }

    /// <summary>Describes the settings with the connection string redacted.</summary>
    public override string ToString() =>
        $"StorageConnectionOptions {{ ConnectionString = {(string.IsNullOrEmpty(ConnectionString) ? "-" : "(set, redacted)")}, " +
        $"TableServiceUri = {TableServiceUri?.ToString() ?? "-"}, QueueServiceUri = {QueueServiceUri?.ToString() ?? "-"}, " +
        $"ManagedIdentityClientId = {ManagedIdentityClientId ?? "-"} }}";
}
