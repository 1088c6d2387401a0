using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Functions.Tests.Support;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Functions.Tests;

/// <summary>
/// The real Durable orchestration of the Functions host (<see cref="SagaOrchestration"/>), its activities and
/// <see cref="DurableClientSagaSignaller"/>, on the in-process Durable Task test host with Azurite and the simulator.
/// </summary>
public sealed class SagaOrchestrationTests
{
    private const string Msn = DurableHarness.Msn;
    private static readonly TimeSpan NoPollingSoon = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PollAfterOneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task an_epayment_is_authorized_by_a_webhook_signal_while_no_poll_is_due()
    {
        await using var h = await DurableHarness.StartAsync(NoPollingSoon);
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);

        Assert.Equal("complete", await h.RequestPaymentAsync(reference, 10_000));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await h.WebhookAsync(key, "epayments.payment.authorized.v1");

        var state = await h.WaitForAsync(key, s => s.Status == EpaymentStatus.Authorized);
        Assert.Equal(10_000, state.Aggregate.Authorized.MinorUnits);
        var instance = await h.Client.GetInstanceAsync(SagaInstanceIds.For(key));
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance?.RuntimeStatus);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.create"));
        await h.WaitForPublishedAsync("payment.authorized.v1");
    }

    [Fact]
    public async Task an_epayment_is_authorized_by_durable_timer_polls_alone()
    {
        await using var h = await DurableHarness.StartAsync(PollAfterOneSecond);
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);

        Assert.Equal("complete", await h.RequestPaymentAsync(reference, 10_000));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);

        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.Authorized);
        Assert.True((await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.get") >= 1);
        await h.WaitForPublishedAsync("payment.authorized.v1");
    }

    [Fact]
    public async Task a_capture_and_a_partial_refund_move_money_once_each_at_vipps()
    {
        await using var h = await DurableHarness.StartAsync(PollAfterOneSecond);
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);
        Assert.Equal("complete", await h.RequestPaymentAsync(reference, 10_000));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.Authorized);

        Assert.Equal("complete", await h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000, id: "cap-1"), EventTypeSets.PaymentRequests));
        await h.WaitForAsync(key, s => s.Aggregate.Captured.MinorUnits == 10_000);
        Assert.Equal("complete", await h.SendAsync(Events.RefundRequested(Msn, reference, "ret-1", 4_000, id: "ref-1"), EventTypeSets.RefundRequests));
        var state = await h.WaitForAsync(key, s => s.Aggregate.Refunded.MinorUnits == 4_000);

        Assert.Equal(10_000, state.Aggregate.Captured.MinorUnits);
        var counters = await h.Simulator.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(Msn, reference));
        Assert.Equal(1, counters.CallsTo("epayment.refund"));
        await h.WaitForPublishedAsync("payment.refunded.v1");
        Assert.Equal(["payment.created.v1", "payment.authorized.v1", "payment.captured.v1", "payment.refunded.v1"],
            (await h.PublishedTypesAsync()).Where(t => t is not "payment.capture-deadline-approaching.v1"));
    }

    [Fact]
    public async Task a_duplicate_start_of_a_live_saga_is_refused_and_a_redelivered_request_only_signals_it()
    {
        await using var h = await DurableHarness.StartAsync(NoPollingSoon);
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);
        var request = Events.PaymentRequested(Msn, reference, 10_000, id: "pay-dup-1");
        Assert.Equal("complete", await h.SendAsync(request, EventTypeSets.PaymentRequests));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        var instanceId = SagaInstanceIds.For(key);
        var progress = SagaProgress.Resume(key, await h.Sagas.LoadAsync(key));

        var options = new StartOrchestrationOptions(instanceId).WithDedupeStatuses(
            OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => h.Client.ScheduleNewOrchestrationInstanceAsync(
            SagaOrchestrationNames.SagaOrchestrator, SagaHostingJson.Write(progress), options));
        var before = await h.Client.GetInstanceAsync(instanceId);
        Assert.Equal("complete", await h.SendAsync(request, EventTypeSets.PaymentRequests));

        var after = await h.Client.GetInstanceAsync(instanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, after?.RuntimeStatus);
        Assert.Equal(before?.CreatedAt, after?.CreatedAt);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.create"));
        Assert.Equal(EpaymentStatus.AwaitingCustomer, (await h.WaitForAsync(key, _ => true)).Status);
    }

    [Theory]
    [InlineData("reject", EpaymentStatus.Aborted)]
    [InlineData("expire", EpaymentStatus.Expired)]
    public async Task a_payment_the_customer_rejects_or_lets_expire_ends_and_its_orchestration_completes(string customer, EpaymentStatus expected)
    {
        await using var h = await DurableHarness.StartAsync(PollAfterOneSecond);
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);
        Assert.Equal("complete", await h.RequestPaymentAsync(reference, 10_000));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);

        await (customer == "reject" ? h.Simulator.Admin.RejectPaymentAsync(Msn, reference) : h.Simulator.Admin.ExpirePaymentAsync(Msn, reference));

        var state = await h.WaitForAsync(key, s => s.Status == expected);
        Assert.Equal(0, state.Aggregate.Authorized.MinorUnits);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var instance = await h.Client.WaitForInstanceCompletionAsync(SagaInstanceIds.For(key), getInputsAndOutputs: false, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(0, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.capture"));
    }

    [Fact]
    public async Task a_capture_whose_response_is_lost_is_retried_with_its_idempotency_key_and_captures_once()
    {
        await using var h = await DurableHarness.StartAsync(PollAfterOneSecond);
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);
        Assert.Equal("complete", await h.RequestPaymentAsync(reference, 10_000));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.Authorized);
        // The capture is made at Vipps, then its response is lost (500) — twice.
        await h.Simulator.Admin.AddFaultAsync(new FaultRule
        {
            Route = "epayment.capture", Kind = FaultKind.LostResponse, Status = 500, Count = 2,
        });

        Assert.Equal("complete", await h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000, id: "cap-lost-1"), EventTypeSets.PaymentRequests));
        var state = await h.WaitForAsync(key, s => s.Aggregate.Captured.MinorUnits == 10_000, TimeSpan.FromSeconds(60));

        Assert.Equal(10_000, state.Aggregate.Captured.MinorUnits);
        var counters = await h.Simulator.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(Msn, reference));
        Assert.True(counters.CallsTo("epayment.capture") >= 3, $"capture calls: {counters.CallsTo("epayment.capture")}");
        Assert.True(counters.IdempotentReplays >= 2, $"idempotent replays: {counters.IdempotentReplays}");
    }
}
