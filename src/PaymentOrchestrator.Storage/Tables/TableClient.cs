using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using PaymentOrchestrator.Storage.Connections;
using PaymentOrchestrator.Storage.Pipeline;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>
/// One table: entity CRUD with optimistic concurrency, OData queries with continuation, and entity group transactions.
/// Shaped like Azure.Data.Tables' <c>TableClient</c>. Failures are <see cref="StorageRequestFailedException"/>
/// (412 → <see cref="StorageConcurrencyException"/>); "already exists" and "not found" are results where the caller
/// routinely expects them.
/// </summary>
public sealed class TableClient
{
    private static readonly RequestMethod Merge = new("MERGE");
    private readonly StoragePipeline _pipeline;

    /// <summary>From a connection string and a table name.</summary>
    public TableClient(string connectionString, string tableName, StorageClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), tableName, options)
    {
    }

    /// <summary>From a connection and a table name.</summary>
    public TableClient(StorageConnection connection, string tableName, StorageClientOptions? options = null)
        : this(new StoragePipeline(
            connection ?? throw new ArgumentNullException(nameof(connection)), connection.RequireTableServiceUri(), StorageService.Table, options), tableName)
    {
    }

    internal TableClient(StoragePipeline pipeline, string tableName)
    {
        TableKeys.ValidateTableName(tableName);
        _pipeline = pipeline;
        Name = tableName;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The table's URI.</summary>
    public Uri Uri => _pipeline.BuildUri(Name);

    /// <summary>The account name, when known.</summary>
    public string? AccountName => _pipeline.AccountName;

    /// <summary>Same as <see cref="TableFilter.Create"/>: a <c>$filter</c> with the values as safe typed literals.</summary>
    public static string CreateQueryFilter(FormattableString filter) => TableFilter.Create(filter);

    /// <summary>Creates the table; false when it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["TableName"] = Name }));
        var response = await _pipeline.SendAsync(message, "CreateTable", TableResource, cancellationToken);
        if (response.Status is 201 or 204)
        {
            return true;
        }

        if (response.Status == 409 && StorageErrorParser.Parse(response).Code == "TableAlreadyExists")
        {
            return false;
        }

        throw StoragePipeline.Failure(response, "CreateTable", TableResource);
    }

    /// <summary>Deletes the table; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, $"Tables('{Name}')");
        var response = await _pipeline.SendAsync(message, "DeleteTable", TableResource, cancellationToken);
        return response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StoragePipeline.Failure(response, "DeleteTable", TableResource),
        };
    }

    /// <summary>Reads one entity; throws <see cref="StorageRequestFailedException"/> (404) when it is missing.</summary>
    public async Task<T> GetEntityAsync<T>(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        (await GetEntityCoreAsync<T>(partitionKey, rowKey, select, nullWhenMissing: false, cancellationToken))!;

    /// <summary>Reads one entity; null when it does not exist (a missing table still throws).</summary>
    public Task<T?> GetEntityIfExistsAsync<T>(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        GetEntityCoreAsync<T>(partitionKey, rowKey, select, nullWhenMissing: true, cancellationToken);

    /// <summary>Inserts the entity; an existing entity with the same keys gives <see cref="TableAddResult.AlreadyExists"/>.</summary>
    public async Task<TableAddResult> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var body = TableEntityMapper.ToJson(entity);
        var resource = EntityResource(entity.PartitionKey, entity.RowKey);
        using var message = _pipeline.CreateMessage(RequestMethod.Post, Name);
        SetJsonBody(message, body);
        var response = await _pipeline.SendAsync(message, "AddEntity", resource, cancellationToken);
        if (response.Status is 201 or 204)
        {
            return TableAddResult.Inserted(ETagOf(response));
        }

        if (response.Status == 409 && StorageErrorParser.Parse(response).Code == "EntityAlreadyExists")
        {
            return TableAddResult.Existing;
        }

        throw StoragePipeline.Failure(response, "AddEntity", resource);
    }

    /// <summary>Inserts or updates (merge or replace) unconditionally; returns the new ETag.</summary>
    public Task<ETag> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        WriteEntityAsync(entity, mode, ifMatch: null, "UpsertEntity", cancellationToken);

    /// <summary>
    /// Updates an existing entity if its ETag still is <paramref name="ifMatch"/> (<see cref="ETag.All"/>: any); returns the
    /// new ETag. A changed entity throws <see cref="StorageConcurrencyException"/>, a missing one
    /// <see cref="StorageRequestFailedException"/> with status 404.
    /// </summary>
    public Task<ETag> UpdateEntityAsync<T>(
        T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("UpdateEntity needs an ETag: pass the entity's ETag, or ETag.All to update unconditionally.", nameof(ifMatch));
        }

        return WriteEntityAsync(entity, mode, ifMatch.ToString(), "UpdateEntity", cancellationToken);
    }

    /// <summary>
    /// Deletes an entity if its ETag still is <paramref name="ifMatch"/> (default or <see cref="ETag.All"/>: any);
    /// false when it did not exist. A changed entity throws <see cref="StorageConcurrencyException"/>.
    /// </summary>
    public async Task<bool> DeleteEntityAsync(
        string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        var resource = EntityResource(partitionKey, rowKey);
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Name + EntityKeyPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? ETag.All.ToString() : ifMatch.ToString());
        var response = await _pipeline.SendAsync(message, "DeleteEntity", resource, cancellationToken);
        return response.Status switch
        {
            204 => true,
            404 when StorageErrorParser.Parse(response).Code != "TableNotFound" => false,
            _ => throw StoragePipeline.Failure(response, "DeleteEntity", resource),
        };
    }

    /// <summary>
    /// Queries entities. Enumerate for all entities (pages are fetched lazily), or use <c>AsPages(token, size)</c> for
    /// pages with their continuation token. Build <paramref name="filter"/> with <see cref="CreateQueryFilter"/>.
    /// </summary>
    /// <param name="filter">OData <c>$filter</c>, or null for all entities.</param>
    /// <param name="maxPerPage"><c>$top</c> per page (1-1000); the service pages at 1000 anyway.</param>
    /// <param name="select">Properties to return (<c>$select</c>); null for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public AsyncPageable<T> QueryAsync<T>(
        string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        if (maxPerPage is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "maxPerPage must be between 1 and 1000.");
        }

        var selectText = select is null ? null : string.Join(",", select);
        return new TableQueryPageable<T>(
            (token, size, ct) => QueryPageAsync<T>(filter, size ?? maxPerPage, selectText, token, ct), cancellationToken);
    }

    /// <summary>
    /// Submits an entity group transaction: all actions apply or none. Refused before any request when it is empty, has
    /// more than 100 actions, spans several partitions or touches a row twice. A rejected transaction throws
    /// <see cref="TableTransactionFailedException"/> naming the failed action.
    /// </summary>
    public async Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var list = TableBatch.Validate(actions);
        var (contentType, body) = TableBatch.Build(_pipeline.BuildUri(Name).AbsoluteUri, list);
        using var message = _pipeline.CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendAsync(message, "SubmitTransaction", TableResource, cancellationToken);
        if (response.Status != 202)
        {
            throw StoragePipeline.Failure(response, "SubmitTransaction", TableResource);
        }

        var inner = TableBatch.ParseResponse(response.Content.ToString());
        var failed = inner.FirstOrDefault(r => r.Status >= 300);
        if (failed is not null)
        {
            var (index, code, text) = TableBatch.DescribeFailure(failed, list.Count);
            throw new TableTransactionFailedException(
                Name, index, index is { } i ? list[i] : null, failed.Status, code, response.Headers.RequestId, text);
        }

        if (inner.Count != list.Count)
        {
            throw new StorageRequestFailedException(
                "SubmitTransaction", TableResource, response.Status, null, response.Headers.RequestId,
                $"The service answered {inner.Count} actions out of {list.Count}.");
        }

        return inner.Select((r, i) => new TableTransactionResult(i, r.Status, r.ETag is null ? null : new ETag(r.ETag))).ToList();
    }

    /// <summary>The table name; never contains the key.</summary>
    public override string ToString() => $"TableClient {{ Name = {Name}, Uri = {Uri} }}";

    /// <summary><c>(PartitionKey='…',RowKey='…')</c> with quotes doubled and the values URL-escaped.</summary>
    internal static string EntityKeyPath(string partitionKey, string rowKey) =>
        $"(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private string TableResource => $"table {Name}";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static ETag ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : default;

    private static void SetJsonBody(HttpMessage message, JsonObject body)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    private string EntityResource(string partitionKey, string rowKey) => $"{Name}(PartitionKey='{partitionKey}',RowKey='{rowKey}')";

    private async Task<T?> GetEntityCoreAsync<T>(
        string partitionKey, string rowKey, IEnumerable<string>? select, bool nullWhenMissing, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        var resource = EntityResource(partitionKey, rowKey);
        using var message = _pipeline.CreateMessage(
            RequestMethod.Get, Name + EntityKeyPath(partitionKey, rowKey), ("$select", select is null ? null : string.Join(",", select)));
        var response = await _pipeline.SendAsync(message, "GetEntity", resource, cancellationToken);
        if (response.Status == 200)
        {
            var json = JsonNode.Parse(response.Content.ToMemory().Span) as JsonObject
                       ?? throw new StorageRequestFailedException("GetEntity", resource, 200, null, response.Headers.RequestId, "The response is not a JSON object.");
            return Read<T>(json, response.Headers.TryGetValue("ETag", out var etag) ? etag : null, resource);
        }

        if (response.Status == 404 && nullWhenMissing && StorageErrorParser.Parse(response).Code != "TableNotFound")
        {
            return null;
        }

        throw StoragePipeline.Failure(response, "GetEntity", resource);
    }

    private async Task<ETag> WriteEntityAsync<T>(T entity, TableUpdateMode mode, string? ifMatch, string operation, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var body = TableEntityMapper.ToJson(entity);
        var resource = EntityResource(entity.PartitionKey, entity.RowKey);
        var method = mode switch
        {
            TableUpdateMode.Merge => Merge,
            TableUpdateMode.Replace => RequestMethod.Put,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
        };
        using var message = _pipeline.CreateMessage(method, Name + EntityKeyPath(entity.PartitionKey, entity.RowKey));
        SetJsonBody(message, body);
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        var response = await _pipeline.SendAsync(message, operation, resource, cancellationToken);
        return response.Status is 204 or 200 or 201
            ? ETagOf(response)
            : throw StoragePipeline.Failure(response, operation, resource);
    }

    private async Task<Page<T>> QueryPageAsync<T>(
        string? filter, int? top, string? select, string? continuationToken, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        string? nextPartition = null, nextRow = null;
        if (continuationToken is not null)
        {
            var parts = continuationToken.Split(' ', 2);
            nextPartition = parts[0];
            nextRow = parts.Length > 1 ? parts[1] : null;
        }

        var message = _pipeline.CreateMessage(
            RequestMethod.Get, Name + "()",
            ("$filter", filter), ("$select", select), ("$top", top?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("NextPartitionKey", nextPartition), ("NextRowKey", nextRow));
        var resource = $"table {Name} query";
        var response = await _pipeline.SendAsync(message, "QueryEntities", resource, cancellationToken);
        if (response.Status != 200)
        {
            throw StoragePipeline.Failure(response, "QueryEntities", resource);
        }

        var root = JsonNode.Parse(response.Content.ToMemory().Span);
        var values = new List<T>();
        if (root?["value"] is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonObject entity)
                {
                    values.Add(Read<T>(entity, null, resource));
                }
            }
        }

        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var npk);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nrk);
        var token = string.IsNullOrEmpty(npk) ? null : string.IsNullOrEmpty(nrk) ? npk : npk + " " + nrk;
        return Page<T>.FromValues(values, token, response);
    }

    private static T Read<T>(JsonObject json, string? etag, string resource)
        where T : class, ITableEntity
    {
        try
        {
            return TableEntityMapper.FromJson<T>(json, etag);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidOperationException($"An entity of {resource} cannot be read as {typeof(T).Name}: {e.Message}", e);
        }
    }
}
