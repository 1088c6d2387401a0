using Azure.Core;
using PaymentOrchestrator.Storage.Connections;
using PaymentOrchestrator.Storage.Pipeline;

namespace PaymentOrchestrator.Storage.Queues;

/// <summary>The Queue service of one account: hands out <see cref="QueueClient"/>s and creates or deletes queues.</summary>
public sealed class QueueServiceClient
{
    private readonly StoragePipeline _pipeline;

    /// <summary>From a connection string (see <see cref="StorageConnection.Parse"/>).</summary>
    public QueueServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), options)
    {
    }

    /// <summary>From a parsed connection or service URIs + credential.</summary>
    public QueueServiceClient(StorageConnection connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _pipeline = new StoragePipeline(connection, connection.RequireQueueServiceUri(), StorageService.Queue, options);
    }

    /// <summary>From the queue service URI and a token credential (e.g. managed identity).</summary>
    public QueueServiceClient(Uri serviceUri, TokenCredential credential, StorageClientOptions? options = null)
        : this(new StorageConnection(null, serviceUri, credential), options)
    {
    }

    /// <summary>From the queue service URI and an account key.</summary>
    public QueueServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(new StorageConnection(null, serviceUri, credential), options)
    {
    }

    /// <summary>The queue service URI.</summary>
    public Uri Uri => _pipeline.ServiceUri;

    /// <summary>The account name, when known.</summary>
    public string? AccountName => _pipeline.AccountName;

    /// <summary>A client for one queue (no request is made).</summary>
    public QueueClient GetQueueClient(string queueName) => new(_pipeline, queueName);

    /// <summary>Creates the queue; false when it already existed.</summary>
    public Task<bool> CreateQueueIfNotExistsAsync(string queueName, CancellationToken cancellationToken = default) =>
        GetQueueClient(queueName).CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Deletes the queue; false when it did not exist.</summary>
    public Task<bool> DeleteQueueAsync(string queueName, CancellationToken cancellationToken = default) =>
        GetQueueClient(queueName).DeleteIfExistsAsync(cancellationToken);

    /// <summary>The endpoint; never contains the key.</summary>
    public override string ToString() => $"QueueServiceClient {{ Uri = {Uri} }}";
}
