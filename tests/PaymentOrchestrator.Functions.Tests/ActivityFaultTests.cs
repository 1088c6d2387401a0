using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Functions.Tests.Support;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Functions.Tests;

/// <summary>
/// Faults under the real <see cref="SagaOrchestration"/>: an activity that fails all its Durable retries because its
/// storage is gone (Vipps failing or not answering: <see cref="VippsFaultTests"/>).
/// </summary>
public sealed class ActivityFaultTests
{
    private const string Msn = DurableHarness.Msn;

    [Fact]
    public async Task an_activity_that_fails_all_its_retries_leaves_the_orchestration_running_and_the_saga_continues_when_signalled()
    {
        await using var h = await DurableHarness.StartAsync(TimeSpan.FromMinutes(10));
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);
        var instanceId = SagaInstanceIds.For(key);
        // The outcomes queue is gone: every advance fails when it publishes (404), its Durable retries included.
        await h.EventsQueue.DeleteAsync();

        Assert.Equal("complete", await h.RequestPaymentAsync(reference, 10_000));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        await DurableHarness.EventuallyAsync(
            () => Task.FromResult(h.Logs.Messages.Any(m => m.Contains("failed after retries", StringComparison.Ordinal))),
            "the orchestration to give up on the advance", TimeSpan.FromMinutes(4));

        Assert.Equal(SagaOrchestrationPolicy.ActivityAttempts, h.Activities.Failed(SagaOrchestrationNames.AdvanceActivity));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(instanceId))?.RuntimeStatus);
        Assert.Single(await h.Sagas.ListUnpublishedOutcomesAsync(key, 100));

        // The queue is back; the customer approves and Vipps' webhook signals the saga, which picks up where it stopped.
        await h.EventsQueue.CreateAsync();
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await h.WebhookAsync(key, "epayments.payment.authorized.v1");

        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.Authorized);
        await h.WaitForPublishedAsync("payment.authorized.v1");
        Assert.Equal(["payment.created.v1", "payment.authorized.v1"], await h.PublishedTypesAsync());
        Assert.Equal(0, (await h.Sagas.LoadAsync(key))!.UnpublishedOutcomeCount);
        Assert.Empty(await h.Sagas.ListUnpublishedOutcomesAsync(key, 100));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Client.GetInstanceAsync(instanceId))?.RuntimeStatus);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CallsTo("epayment.create"));
    }
}
