using Azure.Core;

namespace PaymentOrchestrator.Storage;

/// <summary>
/// Options of the table and queue clients: Azure.Core's retry (transient 408, 429, 5xx and network failures are retried,
/// re-signed on every attempt), transport and diagnostics.
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>Defaults: 3 retries, exponential from 0.5 s up to 10 s, 30 s network timeout per attempt.</summary>
    public StorageClientOptions()
    {
        Retry.MaxRetries = 3;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        foreach (var header in new[]
                 {
                     "x-ms-request-id", "x-ms-error-code", "x-ms-version", "x-ms-approximate-messages-count",
                     "x-ms-continuation-NextPartitionKey", "x-ms-continuation-NextRowKey", "x-ms-time-next-visible", "ETag",
                 })
        {
            Diagnostics.LoggedHeaderNames.Add(header);
        }
    }
}
