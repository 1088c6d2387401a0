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
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;

namespace PaymentOrchestrator.Orchestration.Tests.Stores;

/// <summary>
/// What one saga step costs in storage requests (issue 20): an apply that starts from the row its step already holds
/// reads nothing, a save hands back the row with its new ETag, and outcomes decided by the step are marked published
/// without reading their rows (the wake-up index row a save writes when the saga's attention changes minute is the
/// only extra). Counted on the wire, on real Azurite.
/// </summary>
public sealed class SagaStepCostTests
{
    private static readonly Msn SalesUnit = Msn.Create("123456").Value;

    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task an_apply_from_the_row_the_step_saved_reads_nothing_and_writes_one_transaction()
    {
        var rig = await Rig.StartAsync();
        var (key, requested) = await rig.RequestPaymentAsync("order-cost-1");
        Assert.NotNull(requested.Saga);
        Assert.Equal((await rig.Store.LoadAsync(key))!.ETag, requested.Saga!.ETag);

        rig.Requests.Clear();
        var command = Assert.Single(requested.Commands);
        var created = await rig.Runner.ApplyAsync(key, new PaymentCreated(command.Key, "https://pay.example/x"), null, requested.Saga, default);

        Assert.Equal(ApplyStatus.Applied, created.Status);
        // No read; one transaction; and the wake-up index row when the save moves the saga's attention to another minute.
        Assert.Equal(1, rig.Requests.GetValueOrDefault("POST $batch"));
        Assert.DoesNotContain(rig.Requests.Keys, k => k.StartsWith("GET", StringComparison.Ordinal));
        Assert.True(rig.Requests.GetValueOrDefault("PUT point") <= 1, string.Join(", ", rig.Requests));
        var stored = (await rig.Store.LoadAsync(key))!;
        Assert.Equal((stored.ETag, stored.Version), (created.Saga!.ETag, created.Saga.Version));
        Assert.Equal(requested.Saga.Version + 1, stored.Version);
    }

    [Fact]
    public async Task a_row_another_writer_changed_since_is_read_again_and_nothing_is_lost()
    {
        var rig = await Rig.StartAsync();
        var (key, requested) = await rig.RequestPaymentAsync("order-cost-2");
        var command = Assert.Single(requested.Commands);
        // Another writer (an event that only leaves its marker and timeline entry) changes the row after this step read it.
        var other = await rig.Runner.ApplyAsync(key, new WebhookReceived("epayments.payment.created.v1"), new EventOrigin("hook-2", "vipps/tests", "webhook"));
        Assert.NotEqual(requested.Saga!.ETag, (await rig.Store.LoadAsync(key))!.ETag);

        var created = await rig.Runner.ApplyAsync(key, new PaymentCreated(command.Key, "https://pay.example/x"), null, requested.Saga, default);

        Assert.Equal(ApplyStatus.Applied, created.Status);
        var stored = (await rig.Store.LoadAsync(key))!;
        Assert.Equal(stored.ETag, created.Saga!.ETag);
        Assert.Equal(other.Saga!.Version + 1, stored.Version);
        Assert.Equal(requested.Saga.Version + 2, stored.Version);
        Assert.Equal("https://pay.example/x", ((EpaymentState)stored.State).RedirectUrl);
    }

    [Fact]
    public async Task outcomes_the_step_saved_are_marked_published_in_one_write_and_a_stale_row_marks_nothing()
    {
        var rig = await Rig.StartAsync();
        var (key, requested) = await rig.RequestPaymentAsync("order-cost-3");
        var created = await rig.Runner.ApplyAsync(key, new PaymentCreated(requested.Commands[0].Key, "https://pay.example/x"), null, requested.Saga, default);
        Assert.True(created.Saga!.UnpublishedOutcomeCount > 0, "payment.created is an outcome to publish");

        // A row that changed since (its ETag is stale) marks nothing: the caller falls back to marking by id.
        Assert.False(await rig.Store.TryMarkPublishedAsync(requested.Saga! with { UnpublishedOutcomeCount = 1, OutcomeSequence = created.Saga.OutcomeSequence }));
        Assert.Equal(created.Saga.UnpublishedOutcomeCount, (await rig.Store.ListUnpublishedOutcomesAsync(key, 100)).Count);

        rig.Requests.Clear();
        Assert.True(await rig.Store.TryMarkPublishedAsync(created.Saga));

        Assert.Equal(new Dictionary<string, int> { ["POST $batch"] = 1 }, rig.Requests.ToDictionary());
        Assert.Empty(await rig.Store.ListUnpublishedOutcomesAsync(key, 100));
        Assert.Equal(0, (await rig.Store.LoadAsync(key))!.UnpublishedOutcomeCount);
    }

    [Fact]
    public async Task publishing_the_last_outcome_of_a_saga_parked_far_ahead_indexes_the_minute_of_its_wake_up()
    {
        var rig = await Rig.StartAsync();
        var (key, requested) = await rig.RequestPaymentAsync("order-cost-5");
        var created = await rig.Runner.ApplyAsync(key, new PaymentCreated(requested.Commands[0].Key, "https://pay.example/x"), null, requested.Saga, default);
        // The saga as if its next wake-up were a day away (an authorized payment's capture deadline): only the index
        // row written when its outcomes are published points at that minute, since a parked saga holds no timer.
        var farAhead = T0.AddDays(1);
        var parked = created.Saga! with { NextWakeUpAt = farAhead };

        Assert.True(await rig.Store.TryMarkPublishedAsync(parked));

        var due = await rig.Store.ListDueIndexRowsAsync(farAhead, 100);
        Assert.Contains(due, e => e.Key == key && e.Bucket == WakeUpIndex.Bucket(farAhead));
    }

    [Fact]
    public async Task a_webhook_costs_one_read_and_one_that_changes_nothing_asks_for_no_signal()
    {
        var rig = await Rig.StartAsync();
        var (key, requested) = await rig.RequestPaymentAsync("order-cost-4");
        await rig.Runner.ApplyAsync(key, new PaymentCreated(requested.Commands[0].Key, "https://pay.example/x"), null, requested.Saga, default);
        var handoff = rig.Handoff();

        rig.Requests.Clear();
        var first = await handoff.SignalAsync(key, new WebhookReceived("epayments.payment.authorized.v1"));
        var requests = rig.Requests.ToDictionary();
        var again = await handoff.SignalAsync(key, new WebhookReceived("epayments.payment.authorized.v1"));

        // The first queues a read of the payment (one read, one write) and is signalled; the second finds that read
        // still queued, changes nothing, and is not.
        Assert.Equal(new Dictionary<string, int> { ["GET point"] = 1, ["POST $batch"] = 1 }, requests);
        Assert.False(first!.Duplicate);
        Assert.Contains(first.Progress.Commands, c => c is GetPayment);
        Assert.True(again!.Duplicate);
        Assert.Null(await handoff.SignalAsync(SagaKey.Payment(SalesUnit, PaymentReference.Create("order-cost-none").Value), new WebhookReceived("x")));
    }

    /// <summary>A runner over its own table on the shared Azurite, counting every storage request by method and kind.</summary>
    private sealed class Rig(SagaStore store, SagaRunner runner, ConcurrentDictionary<string, int> requests, TableClient table)
    {
        public SagaStore Store { get; } = store;

        public SagaRunner Runner { get; } = runner;

        public ConcurrentDictionary<string, int> Requests { get; } = requests;

        public static async Task<Rig> StartAsync()
        {
            var azurite = await SharedAzurite.GetAsync();
            var requests = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var clients = new StorageClients(azurite.ConnectionString, new HttpClientTransport(new CountingHandler(requests)));
            var table = clients.Tables.GetTableClient("cost" + Guid.NewGuid().ToString("N")[..10]);
            await table.CreateIfNotExistsAsync();
            var store = new SagaStore(table);
            var runner = new SagaRunner(store, new SagaDeciders(), new FakeTimeProvider(T0), Options.Create(new PaymentOrchestratorOptions()), NullLogger<SagaRunner>.Instance);
            return new Rig(store, runner, requests, table);
        }

        public SagaHandoff Handoff()
        {
            var intake = new EventIntake(new SalesUnitStore(table, TimeProvider.System), Store, Options.Create(new PaymentOrchestratorOptions()), NullLogger<EventIntake>.Instance);
            return new SagaHandoff(intake, Runner, Store);
        }

        public async Task<(SagaKey Key, ApplyResult Applied)> RequestPaymentAsync(string reference)
        {
            var key = SagaKey.Payment(SalesUnit, PaymentReference.Create(reference).Value);
            var request = new PaymentRequested(SalesUnit, PaymentReference.Create(reference).Value, new Money(1_000, Currency.NOK), UserFlow.WebRedirect,
                "https://shop.example/return", null, "Order", PaymentMethodType.Wallet);
            var applied = await Runner.ApplyAsync(key, request, new EventOrigin("event-" + reference, "webshop/tests", "payment.requested.v1"));
            Assert.Equal(ApplyStatus.Applied, applied.Status);
            return (key, applied);
        }
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
