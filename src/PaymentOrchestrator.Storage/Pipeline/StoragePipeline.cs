using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using PaymentOrchestrator.Storage.Connections;

namespace PaymentOrchestrator.Storage.Pipeline;

/// <summary>
/// One Azure.Core pipeline for one storage service: versions, authentication (Shared Key signed per retry, or a bearer
/// token for <c>https://storage.azure.com/.default</c>), retries from <see cref="StorageClientOptions"/>, and the
/// mapping of failures to <see cref="StorageRequestFailedException"/>.
/// </summary>
internal sealed class StoragePipeline
{
    public const string TokenScope = "https://storage.azure.com/.default";
    private const string TableVersion = "2019-02-02";
    private const string QueueVersion = "2021-12-02";

    private readonly HttpPipeline _pipeline;

    public StoragePipeline(StorageConnection connection, Uri serviceUri, StorageService service, StorageClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Service = service;
        ServiceUri = serviceUri;
        ServiceBase = serviceUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        AccountName = connection.AccountName;
        HttpPipelinePolicy auth = connection.SharedKeyCredential is { } key
            ? new SharedKeySigningPolicy(key, service)
            : new BearerTokenAuthenticationPolicy(connection.TokenCredential!, TokenScope);
        _pipeline = HttpPipelineBuilder.Build(options ?? new StorageClientOptions(), [], [auth], new ResponseClassifier());
    }

    public StorageService Service { get; }

    public Uri ServiceUri { get; }

    /// <summary>The service URI without trailing slash or query, e.g. <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public string ServiceBase { get; }

    public string? AccountName { get; }

    /// <summary>A request to <c>ServiceBase/escapedPath?query</c> with the service's version headers.</summary>
    public HttpMessage CreateMessage(RequestMethod method, string escapedPath, params (string Name, string? Value)[] query)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(BuildUri(escapedPath, query));
        if (Service == StorageService.Table)
        {
            request.Headers.SetValue("x-ms-version", TableVersion);
            request.Headers.SetValue("DataServiceVersion", "3.0");
            request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
            request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");
        }
        else
        {
            request.Headers.SetValue("x-ms-version", QueueVersion);
        }

        return message;
    }

    public Uri BuildUri(string escapedPath, params (string Name, string? Value)[] query)
    {
        var text = new StringBuilder(ServiceBase).Append('/').Append(escapedPath);
        var separator = '?';
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            text.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(text.ToString());
    }

    /// <summary>Sends; network failures (after retries) become a status-0 <see cref="StorageRequestFailedException"/>.</summary>
    public async Task<Response> SendAsync(HttpMessage message, string operation, string resource, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken);
        }
        catch (RequestFailedException e) when (e is not StorageRequestFailedException)
        {
            throw new StorageRequestFailedException(operation, resource, e.Status, e.ErrorCode, null, null, e);
        }

        return message.Response;
    }

    /// <summary>The exception for an unexpected response (412 → <see cref="StorageConcurrencyException"/>).</summary>
    public static StorageRequestFailedException Failure(Response response, string operation, string resource)
    {
        var (code, text) = StorageErrorParser.Parse(response);
        var requestId = response.Headers.RequestId;
        return response.Status == 412
            ? new StorageConcurrencyException(operation, resource, code, requestId, text)
            : new StorageRequestFailedException(operation, resource, response.Status, code, requestId, text);
    }
}
