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
    private static void ApplyRetry(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.MaxRetries = 3;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }

    /// <param name="options">The Storage section.</param>
    /// <param name="credential">For endpoints: the token credential (default: the managed identity the options name).</param>
    /// <param name="transport">A transport both clients share (default: Azure.Core's).</param>
    /// <param name="onUndecodableMessage">
    /// Called for a received or peeked message that is not base64 (another producer's raw text): the SDK leaves it out of
    /// the result, so a host that receives must settle it here, or it comes back forever.
    /// </param>
    /// <exception cref="InvalidOperationException">The settings are not usable; the message says which setting to fix.</exception>
    public StorageClients(
        StorageConnectionOptions options, TokenCredential? credential = null, HttpPipelineTransport? transport = null,
        SyncAsyncEventHandler<QueueMessageDecodingFailedEventArgs>? onUndecodableMessage = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var tableOptions = new TableClientOptions();
        // The newest queue service version that Azurite 3.35.0 accepts (the SDK's default, 2026-10-06, is refused
        // there); Azure serves every version since 2009, so the same pin works in both places.
        var queueOptions = new QueueClientOptions(QueueClientOptions.ServiceVersion.V2025_11_05) { MessageEncoding = QueueMessageEncoding.Base64 };
        if (onUndecodableMessage is not null)
        {
            queueOptions.MessageDecodingFailed += onUndecodableMessage;
        }

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
