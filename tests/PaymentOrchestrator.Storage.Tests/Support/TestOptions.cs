using Azure.Core;
using Azure.Core.Pipeline;

namespace PaymentOrchestrator.Storage.Tests.Support;

internal static class TestOptions
{
    /// <summary>Options whose transport goes through <paramref name="handler"/>, with quick fixed retries.</summary>
    public static StorageClientOptions Through(RecordingHandler handler, int maxRetries = 3, TimeSpan? delay = null)
    {
        var options = new StorageClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = delay ?? TimeSpan.FromMilliseconds(20);
        options.Retry.MaxRetries = maxRetries;
        return options;
    }
}
