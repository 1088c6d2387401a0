using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using PaymentOrchestrator.Storage.Connections;
using PaymentOrchestrator.Storage.Queues;
using PaymentOrchestrator.Storage.Tables;

namespace PaymentOrchestrator.Storage.Tests.Connections;

public sealed class BearerTokenTests
{
    private sealed class FakeCredential : TokenCredential
    {
        public ConcurrentQueue<string> Scopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                Scopes.Enqueue(scope);
            }

            return new AccessToken("fake-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    private sealed class CapturingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(request);
            return Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request });
        }
    }

    [Fact]
    public async Task token_credential_clients_send_a_storage_scoped_bearer_token_and_no_shared_key()
    {
        var credential = new FakeCredential();
        var tableHandler = new CapturingHandler(HttpStatusCode.NoContent);
        var queueHandler = new CapturingHandler(HttpStatusCode.Created);
        var connection = new StorageConnection(
            new Uri("https://payacct.table.core.windows.net/"), new Uri("https://payacct.queue.core.windows.net/"), credential);
        var tables = new TableServiceClient(connection, new StorageClientOptions { Transport = new HttpClientTransport(new HttpClient(tableHandler)) });
        var queues = new QueueServiceClient(connection, new StorageClientOptions { Transport = new HttpClientTransport(new HttpClient(queueHandler)) });

        Assert.True(await tables.CreateTableIfNotExistsAsync("orders"));
        Assert.True(await queues.CreateQueueIfNotExistsAsync("jobs"));

        Assert.All(credential.Scopes, s => Assert.Equal("https://storage.azure.com/.default", s));
        Assert.NotEmpty(credential.Scopes);
        foreach (var request in tableHandler.Requests.Concat(queueHandler.Requests))
        {
            Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
            Assert.Equal("fake-token", request.Headers.Authorization?.Parameter);
            Assert.True(request.Headers.Contains("x-ms-version"));
        }

        Assert.Equal(new Uri("https://payacct.table.core.windows.net/Tables"), tableHandler.Requests.Single().RequestUri);
        Assert.Equal(new Uri("https://payacct.queue.core.windows.net/jobs"), queueHandler.Requests.Single().RequestUri);
    }
}
