using System.Collections.Concurrent;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Orchestration.Tests.Support;

/// <summary>
/// A saga runner over its own table on the shared Azurite, counting every storage request by method and kind
/// (<c>GET point</c>, <c>POST $batch</c>, <c>GET other</c>…): what the step-cost and list-index tests assert on.
/// </summary>
internal sealed class CountedSagaRunner(SagaStore store, SagaRunner runner, ConcurrentDictionary<string, int> requests, TableClient table, FakeTimeProvider clock)
{
    public SagaStore Store { get; } = store;

    public SagaRunner Runner { get; } = runner;

    public ConcurrentDictionary<string, int> Requests { get; } = requests;

    public TableClient Table { get; } = table;

    public FakeTimeProvider Clock { get; } = clock;

    public static async Task<CountedSagaRunner> StartAsync(string tablePrefix, DateTimeOffset now)
    {
        var azurite = await SharedAzurite.GetAsync();
        var requests = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clients = new StorageClients(azurite.ConnectionString, new HttpClientTransport(new CountingHandler(requests)));
        var table = clients.Tables.GetTableClient(tablePrefix + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateIfNotExistsAsync();
        var store = new SagaStore(table);
        var clock = new FakeTimeProvider(now);
        var runner = new SagaRunner(store, new SagaDeciders(), clock, Options.Create(new PaymentOrchestratorOptions()), new NoPublisher(), NullLogger<SagaRunner>.Instance);
        return new CountedSagaRunner(store, runner, requests, table, clock);
    }

    /// <summary>A webshop's <c>payment.requested</c> of 10 NOK, applied; asserts that it was.</summary>
    public async Task<(SagaKey Key, ApplyResult Applied)> RequestPaymentAsync(Msn salesUnit, string reference)
    {
        var key = SagaKey.Payment(salesUnit, PaymentReference.Create(reference).Value);
        var request = new PaymentRequested(salesUnit, PaymentReference.Create(reference).Value, new Money(1_000, Currency.NOK), UserFlow.WebRedirect,
            "https://shop.example/return", null, "Order", PaymentMethodType.Wallet);
        var applied = await Runner.ApplyAsync(key, request, new EventOrigin("event-" + reference, "webshop/tests", "payment.requested.v1"));
        Assert.Equal(ApplyStatus.Applied, applied.Status);
        return (key, applied);
    }

    private sealed class CountingHandler(ConcurrentDictionary<string, int> requests) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri?.AbsolutePath ?? string.Empty;
            var kind = path.EndsWith("/$batch", StringComparison.Ordinal) ? "$batch" : path.Contains("(PartitionKey=", StringComparison.Ordinal) ? "point" : "other";
            requests.AddOrUpdate($"{request.Method.Method} {kind}", 1, (_, n) => n + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
