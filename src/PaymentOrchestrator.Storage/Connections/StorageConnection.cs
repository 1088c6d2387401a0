using Azure.Core;

namespace PaymentOrchestrator.Storage.Connections;

/// <summary>
/// Where the storage services are and how to authenticate to them: parsed from a connection string (Shared Key) or
/// given as service URIs plus a <see cref="Azure.Core.TokenCredential"/> (managed identity). <see cref="ToString"/>
/// never contains the account key.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The well-known Azurite / storage emulator account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known Azurite / storage emulator key (public and documented by Microsoft; not a secret).</summary>
    internal const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnection(Uri? table, Uri? queue, Uri? blob, StorageSharedKeyCredential? sharedKey, TokenCredential? token)
    {
        TableServiceUri = table;
        QueueServiceUri = queue;
        BlobServiceUri = blob;
        SharedKeyCredential = sharedKey;
        TokenCredential = token;
    }

    /// <summary>Service URIs authenticated with a token credential (e.g. <c>ManagedIdentityCredential</c>).</summary>
    /// <param name="tableServiceUri">e.g. <c>https://acct.table.core.windows.net/</c>; null when tables are not used.</param>
    /// <param name="queueServiceUri">e.g. <c>https://acct.queue.core.windows.net/</c>; null when queues are not used.</param>
    /// <param name="credential">The token credential; tokens are requested for <c>https://storage.azure.com/.default</c>.</param>
    public StorageConnection(Uri? tableServiceUri, Uri? queueServiceUri, TokenCredential credential)
        : this(ValidateUri(tableServiceUri, nameof(tableServiceUri)), ValidateUri(queueServiceUri, nameof(queueServiceUri)), null,
            null, credential ?? throw new ArgumentNullException(nameof(credential)))
    {
        RequireOneService(tableServiceUri, queueServiceUri);
    }

    /// <summary>Service URIs authenticated with an account key.</summary>
    public StorageConnection(Uri? tableServiceUri, Uri? queueServiceUri, StorageSharedKeyCredential credential)
        : this(ValidateUri(tableServiceUri, nameof(tableServiceUri)), ValidateUri(queueServiceUri, nameof(queueServiceUri)), null,
            credential ?? throw new ArgumentNullException(nameof(credential)), null)
    {
        RequireOneService(tableServiceUri, queueServiceUri);
    }

    /// <summary>The local emulator on its default ports (<c>UseDevelopmentStorage=true</c>).</summary>
    public static StorageConnection DevelopmentStorage { get; } = new(
        new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}"),
        new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
        new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"),
        new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey),
        null);

    /// <summary>Table service URI, or null when not configured.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>Queue service URI, or null when not configured.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>Blob service URI, or null when not configured (kept for completeness; no blob client yet).</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>The account name when known (always with Shared Key).</summary>
    public string? AccountName => SharedKeyCredential?.AccountName;

    /// <summary>How requests are authenticated.</summary>
    public StorageAuthenticationKind Authentication =>
        SharedKeyCredential is null ? StorageAuthenticationKind.TokenCredential : StorageAuthenticationKind.SharedKey;

    internal StorageSharedKeyCredential? SharedKeyCredential { get; }

    internal TokenCredential? TokenCredential { get; }

    /// <summary>
    /// Parses a storage connection string: <c>UseDevelopmentStorage=true</c>, or
    /// <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…[;EndpointSuffix=…]</c> with optional
    /// <c>TableEndpoint=</c>/<c>QueueEndpoint=</c>/<c>BlobEndpoint=</c> overrides (path-style URLs as Azurite gives).
    /// </summary>
    /// <exception cref="FormatException">The string is malformed; the message names the setting but never echoes the key.</exception>
    public static StorageConnection Parse(string connectionString) => ConnectionStringParser.Parse(connectionString);

    internal static StorageConnection FromParts(Uri? table, Uri? queue, Uri? blob, StorageSharedKeyCredential credential) =>
        new(table, queue, blob, credential, null);

    internal Uri RequireTableServiceUri() => TableServiceUri ??
        throw new InvalidOperationException($"The storage connection ({this}) has no table endpoint: set TableEndpoint or a table service URI.");

    internal Uri RequireQueueServiceUri() => QueueServiceUri ??
        throw new InvalidOperationException($"The storage connection ({this}) has no queue endpoint: set QueueEndpoint or a queue service URI.");

    /// <summary>Describes endpoints and authentication; never contains the account key.</summary>
    public override string ToString() =>
        $"StorageConnection {{ Account = {AccountName ?? "(token)"}, Authentication = {Authentication}, " +
        $"Table = {TableServiceUri?.ToString() ?? "-"}, Queue = {QueueServiceUri?.ToString() ?? "-"}, Blob = {BlobServiceUri?.ToString() ?? "-"} }}";

    private static Uri? ValidateUri(Uri? uri, string name)
    {
        if (uri is not null && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException($"{name} must be an absolute http or https URI.", name);
        }

        return uri;
    }

    private static void RequireOneService(Uri? table, Uri? queue)
    {
        if (table is null && queue is null)
        {
            throw new ArgumentException("Give at least one of tableServiceUri and queueServiceUri.");
        }
    }
}
