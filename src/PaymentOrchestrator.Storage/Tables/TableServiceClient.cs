using Azure.Core;
using PaymentOrchestrator.Storage.Connections;
using PaymentOrchestrator.Storage.Pipeline;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>The Table service of one account: creates and deletes tables and hands out <see cref="TableClient"/>s.</summary>
public sealed class TableServiceClient
{
    private readonly StoragePipeline _pipeline;

    /// <summary>From a connection string (see <see cref="StorageConnection.Parse"/>).</summary>
    public TableServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), options)
    {
    }

    /// <summary>From a parsed connection or service URIs + credential.</summary>
    public TableServiceClient(StorageConnection connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _pipeline = new StoragePipeline(connection, connection.RequireTableServiceUri(), StorageService.Table, options);
    }

    /// <summary>From the table service URI and a token credential (e.g. managed identity).</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, StorageClientOptions? options = null)
        : this(new StorageConnection(endpoint, null, credential), options)
    {
    }

    /// <summary>From the table service URI and an account key.</summary>
    public TableServiceClient(Uri endpoint, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(new StorageConnection(endpoint, null, credential), options)
    {
    }

    /// <summary>The table service URI.</summary>
    public Uri Uri => _pipeline.ServiceUri;

    /// <summary>The account name, when known.</summary>
    public string? AccountName => _pipeline.AccountName;

    /// <summary>A client for one table (no request is made).</summary>
    public TableClient GetTableClient(string tableName) => new(_pipeline, tableName);

    /// <summary>Creates the table; false when it already existed.</summary>
    public Task<bool> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Deletes the table; false when it did not exist.</summary>
    public Task<bool> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);

    /// <summary>The endpoint; never contains the key.</summary>
    public override string ToString() => $"TableServiceClient {{ Uri = {Uri} }}";
}
