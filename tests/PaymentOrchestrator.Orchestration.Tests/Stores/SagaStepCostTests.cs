using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Testing.Sagas;
using VippsEnvironment = PaymentOrchestrator.Vipps.VippsEnvironment;
using Xunit.Abstractions;

namespace PaymentOrchestrator.Orchestration.Tests.Stores;

/// <summary>
/// What one saga step costs in storage requests (issue 20): an apply that starts from the row its step already holds
/// reads nothing, a save hands back the row with its new ETag, and outcomes decided by the step are marked published
/// without reading their rows, and the wake-up index is written only when a saga's attention moves to an earlier
/// minute. Counted on the wire, on real Azurite.
/// </summary>
public sealed class SagaStepCostTests(ITestOutputHelper output)
{
    private static readonly Msn SalesUnit = Msn.Create("123456").Value;

    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task an_apply_from_the_row_the_step_saved_reads_nothing_and_writes_one_transaction()
    {
        var rig = await CountedSagaRunner.StartAsync("cost", T0);
        var (key, requested) = await rig.RequestPaymentAsync(SalesUnit, "order-cost-1");
        Assert.NotNull(requested.Saga);
        Assert.Equal((await rig.Store.LoadAsync(key))!.ETag, requested.Saga!.ETag);

        rig.Requests.Clear();
        var command = Assert.Single(requested.Commands);
        var created = await rig.Runner.ApplyAsync(key, new PaymentCreated(command.Key, "https://pay.example/x"), null, requested.Saga, default);

        Assert.Equal(ApplyStatus.Applied, created.Status);
        // No read and one transaction; no index row: the first poll (5 s) has its durable timer, and the row the request
        // wrote for the command's lease (2 min) covers it (WakeUpIndex.TimerCover).
        Assert.Equal(new Dictionary<string, int> { ["POST $batch"] = 1 }, rig.Requests.ToDictionary());
        var stored = (await rig.Store.LoadAsync(key))!;
        Assert.Equal((stored.ETag, stored.Version), (created.Saga!.ETag, created.Saga.Version));
        Assert.Equal(requested.Saga.Version + 1, stored.Version);
    }

    [Fact]
    public async Task a_row_another_writer_changed_since_is_read_again_and_nothing_is_lost()
    {
        var rig = await CountedSagaRunner.StartAsync("cost", T0);
        var (key, requested) = await rig.RequestPaymentAsync(SalesUnit, "order-cost-2");
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
        var rig = await CountedSagaRunner.StartAsync("cost", T0);
        var (key, requested) = await rig.RequestPaymentAsync(SalesUnit, "order-cost-3");
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
    public async Task outcomes_another_writer_races_after_the_step_saved_are_marked_by_id_and_not_published_again()
    {
        var rig = await CountedSagaRunner.StartAsync("cost", T0);
        var (key, _) = await rig.RequestPaymentAsync(SalesUnit, "order-cost-6");
        // The webshop acts on payment.created at once (here: the customer's approval comes back as a webhook), so the row
        // changes between the step's save and its mark, and the mark guarded by the saved ETag fails.
        var publisher = new ActingPublisher(() => rig.Runner.ApplyAsync(key, new WebhookReceived("epayments.payment.authorized.v1")));
        var step = new SagaActivities(rig.Runner, new InstantVipps(), publisher, rig.Store, rig.Clock);

        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        rig.Requests.Clear();
        await step.AdvanceAsync(SagaHostingJson.Write(key), new NoSignaller());

        // Published once: the outcome is marked by its id, not read back and published again.
        Assert.Equal(["payment.created.v1"], publisher.Published.Select(o => o.Type));
        var stored = (await rig.Store.LoadAsync(key))!;
        Assert.Equal(0, stored.UnpublishedOutcomeCount);
        Assert.Empty(await rig.Store.ListUnpublishedOutcomesAsync(key, 100));
        Assert.True(stored.State.Core.HasQueued<GetPayment>());
    }

    [Fact]
    public async Task publishing_the_last_outcome_of_a_saga_parked_far_ahead_writes_no_index_row_its_earlier_row_covers_it()
    {
        var rig = await CountedSagaRunner.StartAsync("cost", T0);
        var (key, requested) = await rig.RequestPaymentAsync(SalesUnit, "order-cost-5");
        var created = await rig.Runner.ApplyAsync(key, new PaymentCreated(requested.Commands[0].Key, "https://pay.example/x"), null, requested.Saga, default);
        // The saga as if its next wake-up were a day away (an authorized payment's capture deadline): a parked saga holds
        // no timer, so the sweep must find it; the row of its command's lease does, earlier than needed, and moves it.
        var farAhead = T0.AddDays(1);
        var parked = created.Saga! with { NextWakeUpAt = farAhead };

        rig.Requests.Clear();
        Assert.True(await rig.Store.TryMarkPublishedAsync(parked));

        Assert.Equal(new Dictionary<string, int> { ["POST $batch"] = 1 }, rig.Requests.ToDictionary());
        var due = await rig.Store.ListDueIndexRowsAsync(farAhead, 100);
        Assert.Contains(due, e => e.Key == key && string.CompareOrdinal(e.Bucket, WakeUpIndex.Bucket(farAhead)) < 0);
    }

    [Fact]
    public async Task a_webhook_costs_one_read_and_one_that_changes_nothing_asks_for_no_signal()
    {
        var rig = await CountedSagaRunner.StartAsync("cost", T0);
        var (key, requested) = await rig.RequestPaymentAsync(SalesUnit, "order-cost-4");
        await rig.Runner.ApplyAsync(key, new PaymentCreated(requested.Commands[0].Key, "https://pay.example/x"), null, requested.Saga, default);
        var handoff = Handoff(rig);

        rig.Requests.Clear();
        var first = await handoff.SignalAsync(key, new WebhookReceived("epayments.payment.authorized.v1"));
        var requests = rig.Requests.ToDictionary();
        var again = await handoff.SignalAsync(key, new WebhookReceived("epayments.payment.authorized.v1"));

        // The first queues a read of the payment (one read, one write) and is signalled; the second finds that read
        // still queued, changes nothing, and is not.
        Assert.Equal(new Dictionary<string, int> { ["GET point"] = 1, ["POST $batch"] = 1 }, requests);
        Assert.False(first!.Duplicate);
        Assert.Contains(first.Progress.Commands, c => c is GetPayment);
        // The row it wrote over waits for its first poll, so its orchestration runs: the signal asks nothing of Durable.
        Assert.True(first.Progress.OrchestrationRuns);
        Assert.True(again!.Duplicate);
        Assert.Null(await handoff.SignalAsync(SagaKey.Payment(SalesUnit, PaymentReference.Create("order-cost-none").Value), new WebhookReceived("x")));
    }

    [Fact]
    public async Task a_payment_created_authorized_and_captured_costs_a_counted_number_of_requests_per_phase()
    {
        var rig = await CountedSagaRunner.StartAsync("cost", T0);
        await RegisterSalesUnitAsync(rig);
        var handoff = Handoff(rig);
        var step = Step(rig);
        var reference = "order-life-1";
        var key = SagaKey.Payment(SalesUnit, PaymentReference.Create(reference).Value);
        var phases = new List<(string Phase, Dictionary<string, int> Requests)>();

        // Each phase at its own time: the step a second after its input, the customer half a minute, the capture a day.
        async Task CountAsync(string phase, Func<Task> act, TimeSpan after)
        {
            rig.Clock.Advance(after);
            rig.Requests.Clear();
            await act();
            phases.Add((phase, rig.Requests.ToDictionary()));
        }

        await CountAsync("intake payment.requested", async () =>
            Assert.IsType<HandoffReady>(await handoff.AcceptAsync(Events.PaymentRequested(SalesUnit.Value, reference, 1_000), EventTypeSets.PaymentRequests)), TimeSpan.Zero);
        await CountAsync("step: create, publish payment.created", () => step.AdvanceAsync(SagaHostingJson.Write(key), new NoSignaller()), TimeSpan.FromSeconds(1));
        await CountAsync("webhook authorized", async () => Assert.NotNull(await handoff.SignalAsync(key, new WebhookReceived("epayments.payment.authorized.v1"))), TimeSpan.FromSeconds(30));
        await CountAsync("step: read, publish payment.authorized", () => step.AdvanceAsync(SagaHostingJson.Write(key), new NoSignaller()), TimeSpan.FromSeconds(1));
        await CountAsync("intake capture-requested", async () =>
            Assert.IsType<HandoffReady>(await handoff.AcceptAsync(Events.CaptureRequested(SalesUnit.Value, reference, "ship-1", 1_000, id: "capture-1"), EventTypeSets.PaymentRequests)), TimeSpan.FromDays(1));
        await CountAsync("step: capture, publish payment.captured", () => step.AdvanceAsync(SagaHostingJson.Write(key), new NoSignaller()), TimeSpan.FromSeconds(1));
        await CountAsync("capture-requested redelivered", async () =>
            Assert.True(Assert.IsType<HandoffReady>(await handoff.AcceptAsync(Events.CaptureRequested(SalesUnit.Value, reference, "ship-1", 1_000, id: "capture-1"), EventTypeSets.PaymentRequests)).Duplicate), TimeSpan.FromSeconds(5));

        foreach (var (phase, requests) in phases)
        {
            output.WriteLine($"{phase}: {requests.Values.Sum()} ({string.Join(", ", requests.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"))})");
        }

        // Before issue 20's index and intake changes: 5, 4, 2, 7, 6, 4 (28, of which 7 index upserts), a redelivery 3.
        // An event's intake reads the sales unit and the saga row (and the operation it names, once the saga has one of
        // its kind: not for the first capture), not the applied-event
        // marker; the index is written only when the attention moves to an earlier minute — the new saga, the capture's
        // lease (before the capture deadline); not the first poll, whose durable timer the command's lease row covers
        // (WakeUpIndex.TimerCover) — and nothing writes it twice. A redelivery pays for that: its save fails on the marker, which is read then.
        Assert.Equal(
            [
                ("intake payment.requested", "GET point 2, POST $batch 1, PUT point 1"),
                ("step: create, publish payment.created", "GET point 1, POST $batch 2"),
                ("webhook authorized", "GET point 1, POST $batch 1"),
                ("step: read, publish payment.authorized", "GET point 1, POST $batch 3"),
                ("intake capture-requested", "GET point 2, POST $batch 1, PUT point 1"),
                ("step: capture, publish payment.captured", "GET point 1, POST $batch 2"),
                ("capture-requested redelivered", "GET point 4, POST $batch 1"),
            ],
            phases.Select(p => (p.Phase, string.Join(", ", p.Requests.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}")))));
        Assert.Equal(1_000, ((EpaymentState)(await rig.Store.LoadAsync(key))!.State).Aggregate.Captured.MinorUnits);
    }

    private static SagaHandoff Handoff(CountedSagaRunner rig)
    {
        var intake = new EventIntake(new SalesUnitStore(rig.Table, TimeProvider.System), Options.Create(new PaymentOrchestratorOptions()), NullLogger<EventIntake>.Instance);
        return new SagaHandoff(intake, rig.Runner, rig.Store);
    }

    private static async Task RegisterSalesUnitAsync(CountedSagaRunner rig) =>
        await new SalesUnitStore(rig.Table, TimeProvider.System).RegisterAsync(
            new SalesUnitRegistration(SalesUnit, "Shop", Market.Norway, VippsEnvironment.Test, "default", [Events.Source]));

    /// <summary>The advance activity's body over this runner, with Vipps answering every command at once.</summary>
    private static SagaActivities Step(CountedSagaRunner rig) => new(rig.Runner, new InstantVipps(), new NoPublisher(), rig.Store, rig.Clock);

    /// <summary>Vipps as the simulator would answer a payment that is created, authorized and captured in full.</summary>
    private sealed class InstantVipps : ICommandExecutor
    {
        public Task<CommandResult> ExecuteAsync(VippsCommand command, CancellationToken cancellationToken = default) => Task.FromResult<CommandResult>(command switch
        {
            CreatePayment c => new PaymentCreated(c.Key, "https://pay.example/x"),
            GetPayment g => new PaymentRead(g.Key, VippsPaymentState.Authorized, Aggregate(0)),
            CapturePayment c => new CaptureSucceeded(c.Key, Aggregate(c.Amount.MinorUnits)),
            _ => throw new InvalidOperationException($"Not expected here: {command}"),
        });

        private static PaymentAggregate Aggregate(long captured) =>
            new(new Money(1_000, Currency.NOK), new Money(captured, Currency.NOK), Money.Zero(Currency.NOK), Money.Zero(Currency.NOK));
    }

    /// <summary>Records what it publishes and, on the first outcome, runs another writer's change of the saga.</summary>
    private sealed class ActingPublisher(Func<Task> act) : IOutcomePublisher
    {
        public List<OutgoingEvent> Published { get; } = [];

        public async Task PublishAsync(OutgoingEvent outcome, CancellationToken cancellationToken = default)
        {
            Published.Add(outcome);
            if (Published.Count == 1)
            {
                await act();
            }
        }
    }
}
