using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using PaymentOrchestrator.Storage.Queues;
using PaymentOrchestrator.Storage.Tables;
using PaymentOrchestrator.Storage.Tests.Support;

namespace PaymentOrchestrator.Storage.Tests.Pipeline;

public sealed class RetryTests
{
    /// <summary>
    /// Sits after the signing policy. On the first attempt it records the signature, then spoils it and answers 503
    /// itself; if signing did not run again on the retry, Azurite would reject the spoiled signature with 403.
    /// </summary>
    private sealed class SpoilFirstAttemptPolicy : HttpPipelinePolicy
    {
        public List<string?> Signatures { get; } = [];

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            message.Request.Headers.TryGetValue("Authorization", out var signature);
            Signatures.Add(signature);
            if (Signatures.Count == 1)
            {
                message.Request.Headers.SetValue("Authorization", "SharedKey devstoreaccount1:c3BvaWxlZA==");
                message.Response = new StubResponse(503, "Service Unavailable", ("x-ms-request-id", "simulated"));
                return;
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    [Fact]
    public async Task a_503_is_retried_and_the_retry_is_signed_afresh()
    {
        var spoiler = new SpoilFirstAttemptPolicy();
        var options = new StorageClientOptions();
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.AddPolicy(spoiler, HttpPipelinePosition.PerRetry);
        var table = new TableServiceClient(await Support.Storage.ConnectionStringAsync(), options).GetTableClient(Support.Storage.TableName());

        var created = await table.CreateIfNotExistsAsync();

        Assert.True(created);
        Assert.Equal(2, spoiler.Signatures.Count);
        Assert.All(spoiler.Signatures, s => Assert.StartsWith("SharedKey devstoreaccount1:", s, StringComparison.Ordinal));
        Assert.DoesNotContain("SharedKey devstoreaccount1:c3BvaWxlZA==", spoiler.Signatures);
    }

    [Fact]
    public async Task every_attempt_carries_a_fresh_x_ms_date_on_the_wire()
    {
        var handler = new RecordingHandler { FailFirst = 1 };
        var queue = new QueueServiceClient(await Support.Storage.ConnectionStringAsync(), TestOptions.Through(handler, delay: TimeSpan.FromSeconds(1.5)))
            .GetQueueClient(Support.Storage.QueueName());

        Assert.True(await queue.CreateIfNotExistsAsync());

        var attempts = handler.Requests.ToArray();
        Assert.Equal(2, attempts.Length);
        var dates = attempts.Select(a => DateTimeOffset.Parse(a.Headers["x-ms-date"], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(dates[1] > dates[0], $"x-ms-date was not refreshed: {dates[0]:R} then {dates[1]:R}");
        Assert.NotEqual(attempts[0].Headers["Authorization"], attempts[1].Headers["Authorization"]);
    }

    [Fact]
    public async Task a_network_failure_is_retried()
    {
        var handler = new RecordingHandler { FailFirst = 2, FailWithNetworkError = true };
        var queue = new QueueServiceClient(await Support.Storage.ConnectionStringAsync(), TestOptions.Through(handler))
            .GetQueueClient(Support.Storage.QueueName());

        Assert.True(await queue.CreateIfNotExistsAsync());

        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task a_persistent_503_surfaces_as_one_storage_exception_after_the_configured_retries()
    {
        var handler = new RecordingHandler { FailFirst = int.MaxValue };
        var table = new TableServiceClient(await Support.Storage.ConnectionStringAsync(), TestOptions.Through(handler, maxRetries: 2))
            .GetTableClient("orders");

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.GetEntityIfExistsAsync<OrderEntity>("p", "r"));

        Assert.Equal(3, handler.Attempts);
        Assert.Equal(503, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Equal("simulated-3", error.RequestId);
        Assert.Equal("GetEntity", error.Operation);
        Assert.Contains("orders(PartitionKey='p',RowKey='r')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void default_options_retry_transient_failures_with_backoff()
    {
        var options = new StorageClientOptions();

        Assert.Equal(3, options.Retry.MaxRetries);
        Assert.Equal(RetryMode.Exponential, options.Retry.Mode);
        Assert.True(options.Retry.Delay > TimeSpan.Zero);
    }
}
