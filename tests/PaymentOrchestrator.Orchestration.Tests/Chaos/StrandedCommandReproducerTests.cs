using PaymentOrchestrator.Testing.Sagas;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Testing.Chaos;

namespace PaymentOrchestrator.Orchestration.Tests.Chaos;

/// <summary>
/// Found by the chaos suite (1 of 1,000 sagas): a saga that finishes while another command is queued behind the one
/// that finished it — here a read-back queued behind a cancel before authorization — keeps that command in its outbox.
/// If the activity dies after the finishing result is saved and before the queued command runs (here on the real
/// orchestration, whose activity retry then runs it again), the safety net must still find it (the resume scan once skipped finished sagas whatever their outbox held; today
/// the wake-up index must hold it).
/// </summary>
public sealed class StrandedCommandReproducerTests
{
    private const string Msn = SagaHarness.Msn;

    [Fact]
    public async Task a_command_queued_behind_the_cancel_that_terminates_the_saga_is_resumed_or_dropped_after_a_crash()
    {
        var reference = Events.NewReference();
        var key = SagaHarness.PaymentKey(reference);
        Interleaving? interleaving = null;
        await using var h = await SagaHarness.StartAsync((sp, inner) => interleaving = new Interleaving(sp, inner, key));
        await h.SendSettledAsync(Events.PaymentRequested(Msn, reference, 10_000));

        // The cancel runs; meanwhile a webhook queues a read-back behind it; the activity dies before the read-back runs.
        await h.SendAsync(CancelRequested(reference));
        await interleaving!.Crashed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stored = await h.Sagas.LoadAsync(key);
        var state = Assert.IsType<EpaymentState>(stored!.State);
        Assert.Equal(EpaymentStatus.Terminated, state.Status);
        Assert.IsType<GetPayment>(state.Core.Head?.Command);

        // What the maintenance sweep reads: the wake-up index, which must hold every saga with work left.
        var indexed = await h.Sagas.ListDueIndexRowsAsync(DateTimeOffset.MaxValue, 1_000);

        Assert.Contains(indexed, r => r.Key == key);
    }

    private static byte[] CancelRequested(string reference) =>
        CloudEvents.Envelope("payment.cancel-requested.v1", "cancel-" + reference, Events.Source,
            new System.Text.Json.Nodes.JsonObject { ["msn"] = Msn, ["reference"] = reference });

    private sealed class Interleaving(IServiceProvider services, ICommandExecutor inner, Domain.Values.SagaKey key) : ICommandExecutor
    {
        public TaskCompletionSource Crashed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<CommandResult> ExecuteAsync(VippsCommand command, CancellationToken cancellationToken = default)
        {
            switch (command)
            {
                case CancelPayment:
                    // A webhook arrives while the cancel is in flight: the saga queues a read-back behind it.
                    await services.GetRequiredService<SagaHandoff>().SignalAsync(key, new WebhookReceived("epayments.payment.authorized.v1"), cancellationToken);
                    break;
                case GetPayment:
                    Crashed.TrySetResult();
                    throw new InvalidOperationException("Injected crash: the process died before the queued read-back ran.");
            }

            return await inner.ExecuteAsync(command, cancellationToken);
        }
    }
}
