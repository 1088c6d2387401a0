using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace PaymentOrchestrator.Storage;

/// <summary>
/// Builds the Table and Queue service clients once, from <see cref="StorageConnectionOptions"/>: a connection string
/// (Azurite) or service endpoints with a token credential (managed identity in Azure). Every queue client of ours reads
/// and writes base64 message text, as the Functions queue bindings and our earlier client did; both clients share our
/// retry settings and, when given, one transport (the benchmarks count storage operations on it).
/// </summary>
public sealed class StorageClients
{
    /// <summary>Azure.Core's retry: 3 retries, exponential from 0.5 s up to 10 s, 30 s network timeout per attempt.</summary>
    public static void ApplyRetry(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.MaxRetries = 3;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }

    /// <exception cref="InvalidOperationException">The settings are not usable; the message says which setting to fix.</exception>
    public StorageClients(StorageConnectionOptions options, TokenCredential? credential = null, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        foreach (var clientOptions in new ClientOptions[] { tableOptions, queueOptions })
        {
            ApplyRetry(clientOptions);
            if (transport is not null)
            {
                clientOptions.Transport = transport;
            }
        }

        if (options.UsesConnectionString)
        {
            Tables = new TableServiceClient(options.ConnectionString, tableOptions);
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            return;
        }

        credential ??= options.ManagedIdentityClientId is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        Tables = new TableServiceClient(options.TableServiceUri, credential, tableOptions);
        Queues = new QueueServiceClient(options.QueueServiceUri, credential, queueOptions);
    }

    /// <summary>Builds the clients from a connection string (tests, CLI, tools).</summary>
    public StorageClients(string connectionString, HttpPipelineTransport? transport = null)
        : this(new StorageConnectionOptions { ConnectionString = connectionString }, null, transport)
    {
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }
}
