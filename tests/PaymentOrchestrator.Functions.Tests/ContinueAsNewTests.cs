using Microsoft.DurableTask.Client;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Functions.Tests.Support;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Functions.Tests;

/// <summary>
/// <see cref="SagaOrchestration"/> bounds its history: after <see cref="SagaOrchestrationPolicy.TurnsPerExecution"/>
/// waits it continues as new with <c>preserveUnprocessedEvents: true</c>. A signal that is raised but not yet consumed
/// at that moment must reach the next execution.
/// </summary>
public sealed class ContinueAsNewTests
{
    private const string Msn = DurableHarness.Msn;

    [Fact]
    public async Task a_capture_signalled_while_the_execution_continues_as_new_is_carried_to_the_next_execution_and_captures_once()
    {
        // A capture handed out whose signal is lost would be handed out again only after its re-issue window, set to an
        // hour here: within this test's deadline the capture can come only from the carried signal.
        await using var h = await StartWithLongReissueWindowAsync();
        var (reference, key, request, instanceId, firstInput) = await AuthorizedAsync(h, 10_000);

        // Held while the signals are raised, the orchestration gets them in one batch when it resumes: the redelivered
        // request's signals (each one wait) take it to its last turn, and the capture's signal is still unconsumed when
        // it continues as new.
        await h.Client.SuspendInstanceAsync(instanceId);
        await DurableHarness.EventuallyAsync(
            async () => (await h.Client.GetInstanceAsync(instanceId))?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "the instance suspended");
        for (var turn = 0; turn < SagaOrchestrationPolicy.TurnsPerExecution; turn++)
        {
            Assert.Equal("complete", await h.SendAsync(request, EventTypeSets.PaymentRequests));
        }

        Assert.Equal("complete", await h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000, id: "cap-can-1"), EventTypeSets.PaymentRequests));
        await h.Client.ResumeInstanceAsync(instanceId);

        var state = await h.WaitForAsync(key, s => s.Aggregate.Captured.MinorUnits == 10_000, TimeSpan.FromSeconds(60));
        Assert.Equal(EpaymentStatus.Authorized, state.Status);
        await WaitForContinuedAsync(h, instanceId, firstInput);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CapturesOf(Msn, reference));
        await h.WaitForPublishedAsync("payment.captured.v1");
        Assert.Single(await h.PublishedTypesAsync(), t => t == "payment.captured.v1");
    }

    [Fact]
    public async Task captures_signalled_among_a_stream_of_signals_across_continue_as_new_are_each_made_once()
    {
        // As above, only the signals can hand the captures out within the deadline. Here the orchestration runs while
        // they are raised, so the continue-as-new lands somewhere in the stream.
        await using var h = await StartWithLongReissueWindowAsync();
        var (reference, key, request, instanceId, firstInput) = await AuthorizedAsync(h, 9_000);

        var turns = SagaOrchestrationPolicy.TurnsPerExecution;
        var captureAt = new[] { turns / 2, turns - 1, turns + 2 };
        for (var signal = 0; signal <= turns + 4; signal++)
        {
            var capture = Array.IndexOf(captureAt, signal);
            Assert.Equal("complete", capture < 0
                ? await h.SendAsync(request, EventTypeSets.PaymentRequests)
                : await h.SendAsync(Events.CaptureRequested(Msn, reference, $"ship-{capture}", 3_000, id: $"cap-stream-{capture}"), EventTypeSets.PaymentRequests));
        }

        var state = await h.WaitForAsync(key, s => s.Aggregate.Captured.MinorUnits == 9_000, TimeSpan.FromSeconds(60));
        Assert.Empty(state.InFlight);
        var captures = (await h.Sagas.ListOperationsAsync(key)).Captures;
        Assert.Equal(3, captures.Count);
        Assert.All(captures, c => Assert.Equal(OperationStatus.Succeeded, c.Status));
        Assert.Equal(3, (await h.Simulator.Admin.GetCountersAsync()).CapturesOf(Msn, reference));
        await WaitForContinuedAsync(h, instanceId, firstInput);
    }

    /// <summary>
    /// Waits until the running execution is a continued one: its input is the hand-over (read the saga first), not the first execution's. The instance stays Running throughout; it never fails or completes.
    /// </summary>
    private static async Task WaitForContinuedAsync(DurableHarness h, string instanceId, string? firstInput)
    {
        await DurableHarness.EventuallyAsync(async () =>
        {
            var instance = await h.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            Assert.Equal(OrchestrationRuntimeStatus.Running, instance?.RuntimeStatus);
            var input = SagaHostingJson.ReadProgress(instance!.ReadInputAs<string>());
            return instance.SerializedInput != firstInput
                && (input.NextWakeUpAt, input.Commands.Count, input.HasUnpublishedOutcomes) == (DateTimeOffset.MinValue, 0, false);
        }, "the orchestration to continue as new");
    }

    // A capture handed out whose signal is lost would be handed out again only after its re-issue window, an hour here.
    private static Task<DurableHarness> StartWithLongReissueWindowAsync() =>
        DurableHarness.StartAsync(TimeSpan.FromMinutes(10), new Dictionary<string, string?>
        {
            ["Sagas:Epayment:Retry:CommandTimeout"] = "01:00:00",
        });

    // A payment requested, approved and authorized by webhook; its orchestration's id and first input.
    private static async Task<(string Reference, SagaKey Key, byte[] Request, string InstanceId, string? FirstInput)> AuthorizedAsync(
        DurableHarness h, long amount)
    {
        var reference = Events.NewReference();
        var key = DurableHarness.PaymentKey(reference);
        var request = Events.PaymentRequested(Msn, reference, amount, id: "pay-can-" + reference);
        Assert.Equal("complete", await h.SendAsync(request, EventTypeSets.PaymentRequests));
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.AwaitingCustomer);
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await h.WebhookAsync(key, "epayments.payment.authorized.v1");
        await h.WaitForAsync(key, s => s.Status == EpaymentStatus.Authorized);
        var instanceId = SagaInstanceIds.For(key);
        return (reference, key, request, instanceId, (await h.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))!.SerializedInput);
    }
}
