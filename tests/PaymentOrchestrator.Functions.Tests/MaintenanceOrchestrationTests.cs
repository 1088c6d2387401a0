using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Functions.Tests.Support;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Reconciliation;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Functions.Tests;

/// <summary>
/// The maintenance orchestration (<see cref="MaintenanceOrchestration"/> with the Functions app's activity) on the
/// in-process Durable test host over Azurite and the simulator: its wake-up sweep continues a saga whose signal was
/// lost and wakes a parked one, it reconciles when due, and it purges finished instances past the retention.
/// </summary>
public sealed class MaintenanceOrchestrationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Msn = DurableHarness.Msn;

    private static readonly Dictionary<string, string?> Quick = new()
    {
        ["Maintenance:Interval"] = "00:00:01",
        ["Maintenance:SweepSlack"] = "00:00:01",
    };

    [Fact]
    public async Task a_saga_saved_but_never_signalled_is_started_by_the_sweep_and_continues()
    {
        // A command handed out is waited for until its re-issue window ends: then the saga is due again.
        await using var h = await DurableHarness.StartAsync(TimeSpan.FromMinutes(10), new Dictionary<string, string?>(Quick)
        {
            ["Sagas:Epayment:Retry:CommandTimeout"] = "00:00:03",
        });
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);

        // The trigger's half only: the request is in the row (CreatePayment handed out), the signal never sent.
        Assert.IsType<HandoffReady>(await h.Handoff.AcceptAsync(Events.PaymentRequested(Msn, reference, 10_000), EventTypeSets.PaymentRequests));
        Assert.Null(await h.Client.GetInstanceAsync(SagaInstanceIds.For(key)));

        Assert.True(await MaintenanceStarter.EnsureStartedAsync(h.Client));
        Assert.False(await MaintenanceStarter.EnsureStartedAsync(h.Client));

        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.create"));
        await h.WaitForPublishedAsync("payment.created.v1");
    }

    [Fact]
    public async Task a_parked_saga_holds_no_timer_and_is_woken_by_the_sweep_when_its_wake_up_is_due()
    {
        var clock = new SharedClock();
        await using var h = await DurableHarness.StartAsync(TimeSpan.FromMinutes(5), Quick, clock);
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);
        Assert.Equal("complete", await h.RequestPaymentAsync(reference, 10_000));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await MaintenanceStarter.EnsureStartedAsync(h.Client);

        // The first poll is five minutes away, beyond the parking horizon: the orchestration waits for a signal only,
        // and the sweep leaves it alone while the poll is not due.
        var sweeps = h.Activities.Started(SagaOrchestrationNames.MaintainActivity);
        await DurableHarness.EventuallyAsync(
            () => Task.FromResult(h.Activities.Started(SagaOrchestrationNames.MaintainActivity) >= sweeps + 2), "two maintenance runs");
        Assert.Equal(EpaymentStatus.AwaitingCustomer, ((EpaymentState)(await h.Sagas.LoadAsync(key))!.State).Status);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(SagaInstanceIds.For(key)))?.RuntimeStatus);

        clock.Advance(TimeSpan.FromMinutes(5));

        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.Authorized);
        await h.WaitForPublishedAsync("payment.authorized.v1");
    }

    [Fact]
    public async Task the_first_run_reconciles_the_ended_ledger_dates_and_the_next_runs_wait_for_the_interval()
    {
        var firstDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        await using var h = await DurableHarness.StartAsync(TimeSpan.FromMinutes(10), new Dictionary<string, string?>(Quick)
        {
            ["Reconciliation:FirstDate"] = firstDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

        await MaintenanceStarter.EnsureStartedAsync(h.Client);

        var days = h.Get<ReconciliationStore>();
        var unit = Domain.Values.Msn.Create(Msn).Value;
        await DurableHarness.EventuallyAsync(async () => (await days.ListAsync(unit)).Any(d => d.LedgerDate == firstDate), $"ledger date {firstDate} reconciled");
        var stored = (await days.GetAsync(unit, firstDate))!;
        var runs = h.Activities.Started(SagaOrchestrationNames.MaintainActivity);
        await DurableHarness.EventuallyAsync(
            () => Task.FromResult(h.Activities.Started(SagaOrchestrationNames.MaintainActivity) >= runs + 2), "two more maintenance runs");
        // Reconciliation:Interval (an hour) has not passed: the date was not attempted again.
        Assert.Equal((stored.Attempts, stored.LastAttemptAt), ((await days.GetAsync(unit, firstDate))!.Attempts, (await days.GetAsync(unit, firstDate))!.LastAttemptAt));
        Assert.Equal(0, h.Activities.Failed(SagaOrchestrationNames.MaintainActivity));
    }

    [Fact]
    public async Task a_finished_instance_past_the_retention_is_purged_and_the_maintenance_instance_lives_on()
    {
        await using var h = await DurableHarness.StartAsync(TimeSpan.FromMinutes(10), new Dictionary<string, string?>(Quick)
        {
            ["Maintenance:HistoryRetention"] = "00:00:01",
            ["Maintenance:PurgeInterval"] = "00:00:01",
        });

        // An orchestration for a saga that has no row finds nothing to do and completes.
        var key = DurableHarness.PaymentKey(Events.NewReference());
        var instanceId = SagaInstanceIds.For(key);
        await h.Client.ScheduleNewOrchestrationInstanceAsync(
            SagaOrchestrationNames.SagaOrchestrator, SagaHostingJson.Write(SagaProgress.ReadFirst(key)), new StartOrchestrationOptions(instanceId));
        await DurableHarness.EventuallyAsync(
            async () => (await h.Client.GetInstanceAsync(instanceId))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "the saga's instance completed");

        await MaintenanceStarter.EnsureStartedAsync(h.Client);

        await DurableHarness.EventuallyAsync(async () => await h.Client.GetInstanceAsync(instanceId) is null,
            "the finished instance purged; logged: " + string.Join(" | ", h.Logs.Messages));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(SagaOrchestrationNames.MaintenanceInstanceId))?.RuntimeStatus);
    }

    [Fact]
    public async Task a_payment_created_authorized_and_captured_writes_at_most_three_index_rows()
    {
        // No maintenance runs here, so every index row the saves wrote is still there to count.
        await using var h = await DurableHarness.StartAsync(TimeSpan.FromMinutes(10));
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);
        Assert.Equal("complete", await h.RequestPaymentAsync(reference, 10_000));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await h.WebhookAsync(key, "epayments.payment.authorized.v1");
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.Authorized);
        await h.WaitForPublishedAsync("payment.authorized.v1");
        Assert.Equal("complete", await h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000, id: "cap-index-1"), EventTypeSets.PaymentRequests));
        await h.WaitForAsync(key, s => s.Aggregate.Captured.MinorUnits == 10_000);
        await h.WaitForPublishedAsync("payment.captured.v1");

        var table = h.Get<Azure.Data.Tables.TableServiceClient>().GetTableClient(h.Get<Microsoft.Extensions.Options.IOptions<Orchestration.PaymentOrchestratorOptions>>().Value.PaymentsTable);
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(
            Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey ge {"W|"} and PartitionKey lt {"W}"}"), select: ["PartitionKey"]))
        {
            rows.Add(row.PartitionKey);
        }

        // A row is written only when the attention moves to an earlier minute: created (its command's lease, 2 min), the
        // first poll (5 s after payment.created, earlier than that lease), the capture's lease (earlier than the capture
        // deadline). The outcomes' leases and the deadlines lie later. Leases in one minute share one row.
        output.WriteLine($"Index rows written: {rows.Count} ({string.Join(", ", rows)})");
        Assert.InRange(rows.Count, 1, 3);
    }
}
