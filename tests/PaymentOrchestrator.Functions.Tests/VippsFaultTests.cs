using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Functions.Tests.Support;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Functions.Tests;

/// <summary>
/// Faults under the real <see cref="SagaOrchestration"/>: Vipps failing or not answering (injected by the simulator).
/// A class of its own, so that it runs beside <see cref="ActivityFaultTests"/>, whose test waits out the Durable
/// retries (~75 s of real time), instead of after it.
/// </summary>
public sealed class VippsFaultTests
{
    private const string Msn = DurableHarness.Msn;

    [Fact]
    public async Task a_refund_whose_calls_time_out_fail_and_lose_their_answers_is_retried_with_its_idempotency_key_and_refunds_once()
    {
        await using var h = await DurableHarness.StartAsync(TimeSpan.FromSeconds(1), new Dictionary<string, string?>
        {
            ["Vipps:Resilience:AttemptTimeout"] = "00:00:02",
        });
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);
        Assert.Equal("complete", await h.RequestPaymentAsync(reference, 10_000));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.Authorized);
        Assert.Equal("complete", await h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000, id: "cap-f-1"), EventTypeSets.PaymentRequests));
        await h.WaitForAsync(key, s => s.Aggregate.Captured.MinorUnits == 10_000);

        // Six refund calls in a row fail: one is not answered in time, one gets a 503, four are made at Vipps but their
        // answers are lost. The client's own retries (four attempts) give up, so the saga retries the command later.
        await h.Simulator.Admin.AddFaultAsync(new FaultRule { Route = "epayment.refund", Kind = FaultKind.Latency, LatencyMs = 10_000, Count = 1 });
        await h.Simulator.Admin.AddFaultAsync(new FaultRule { Route = "epayment.refund", Kind = FaultKind.Error, Status = 503, Count = 1 });
        await h.Simulator.Admin.AddFaultAsync(new FaultRule { Route = "epayment.refund", Kind = FaultKind.LostResponse, Status = 500, Count = 4 });
        Assert.Equal("complete", await h.SendAsync(Events.RefundRequested(Msn, reference, "ret-1", 4_000, id: "ref-f-1"), EventTypeSets.RefundRequests));

        var state = await h.WaitForAsync(key, s => s.Aggregate.Refunded.MinorUnits == 4_000, TimeSpan.FromSeconds(90));
        var refund = Assert.Single((await h.Sagas.ListOperationsAsync(key)).Refunds);
        Assert.Equal(OperationStatus.Succeeded, refund.Status);
        var counters = await h.Simulator.Admin.GetCountersAsync();
        // Every attempt carried the refund's one key: a new key would have refunded again at Vipps.
        Assert.Equal(1, counters.RefundsOf(Msn, reference));
        Assert.True(counters.CallsTo("epayment.refund") >= 7, $"refund calls: {counters.CallsTo("epayment.refund")}");
        Assert.True(counters.IdempotentReplays >= 4, $"idempotent replays: {counters.IdempotentReplays}");
        Assert.Contains(h.Logs.Messages, m => m.Contains(refund.Key.Value, StringComparison.Ordinal) && m.Contains("transient True", StringComparison.Ordinal));
        await h.WaitForPublishedAsync("payment.refunded.v1");
        Assert.Single(await h.PublishedTypesAsync(), t => t == "payment.refunded.v1");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(SagaInstanceIds.For(key)))?.RuntimeStatus);
    }
}
