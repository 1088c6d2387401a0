using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Orchestration.Tests.Running;

public sealed class CrashRecoveryTests
{
    private const string Msn = OrchestratorHarness.Msn;

    [Fact]
    public async Task a_crash_after_the_vipps_capture_and_before_the_save_is_repaired_with_the_same_key_and_one_capture()
    {
        var crash = new CrashAfterExecute(c => c is CapturePayment);
        await using var h = await OrchestratorHarness.StartAsync((_, inner) => crash.Wrap(inner));
        var reference = Events.NewReference();
        var key = OrchestratorHarness.PaymentKey(reference);
        await h.Processor.ProcessAsync(Events.PaymentRequested(Msn, reference, 10_000));
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, reference);
        await h.WakeAsync(key);

        await Assert.ThrowsAsync<SimulatedCrashException>(() =>
            h.Processor.ProcessAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000)));
        var afterCrash = (EpaymentState)(await h.Sagas.LoadAsync(key))!.State;
        var head = Assert.IsType<CapturePayment>(afterCrash.Core.Head?.Command);
        Assert.Equal(1, (await h.Simulator.Admin.GetCountersAsync()).CapturesOf(Msn, reference));

        // The host comes back: the unanswered command is handed out again on a wake-up after the re-issue window.
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        var repaired = (EpaymentState)(await h.Driver.DriveAsync(key, new WakeUp())).State;

        Assert.Equal(10_000, repaired.Aggregate.Captured.MinorUnits);
        Assert.Equal([head.Key.Value, head.Key.Value], crash.KeysSeen.Where(k => k == head.Key.Value));
        var counters = await h.Simulator.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(Msn, reference));
        Assert.True(counters.IdempotentReplays >= 1, "the re-run capture was answered as an idempotent replay");
    }

    private sealed class CrashAfterExecute(Func<VippsCommand, bool> when)
    {
        private int _crashed;

        public Func<VippsCommand, bool> When { get; } = when;

        public List<string> KeysSeen { get; } = [];

        public ICommandExecutor Wrap(ICommandExecutor inner) => new Executor(this, inner);

        private sealed class Executor(CrashAfterExecute owner, ICommandExecutor inner) : ICommandExecutor
        {
            public async Task<CommandResult> ExecuteAsync(VippsCommand command, CancellationToken cancellationToken = default)
            {
                lock (owner.KeysSeen)
                {
                    owner.KeysSeen.Add(command.Key.Value);
                }

                var result = await inner.ExecuteAsync(command, cancellationToken);
                if (owner.When(command) && Interlocked.Exchange(ref owner._crashed, 1) == 0)
                {
                    throw new SimulatedCrashException();
                }

                return result;
            }
        }
    }

    private sealed class SimulatedCrashException() : Exception("The process died after Vipps answered and before the result was saved.");
}
