using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Tests.Support;

namespace PaymentOrchestrator.Orchestration.Tests.Running;

public sealed class CrashRecoveryTests
{
    private const string Msn = SagaHarness.Msn;

    [Fact]
    public async Task a_crash_after_the_vipps_capture_and_before_the_save_is_repaired_with_the_same_key_and_one_capture()
    {
        var crash = new CrashAfterExecute(c => c is CapturePayment);
        await using var h = await SagaHarness.StartAsync((_, inner) => crash.Wrap(inner));
        var reference = Events.NewReference();
        var key = await h.AuthorizedPaymentAsync(reference);

        // The activity dies after Vipps captured and before the result is saved; the orchestration's activity retry
        // runs the unanswered command again from the row, with its stored key.
        await h.SendAsync(Events.CaptureRequested(Msn, reference, "ship-1", 10_000));
        var repaired = (EpaymentState)(await h.SettledAsync(key)).State;

        var crashedKey = Assert.Single(crash.Crashed);
        Assert.Equal(10_000, repaired.Aggregate.Captured.MinorUnits);
        Assert.Equal([crashedKey, crashedKey], crash.KeysSeen.Where(k => k == crashedKey));
        var counters = await h.Simulator.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(Msn, reference));
        Assert.True(counters.IdempotentReplays >= 1, "the re-run capture was answered as an idempotent replay");
    }

    private sealed class CrashAfterExecute(Func<VippsCommand, bool> when)
    {
        private int _crashed;

        public Func<VippsCommand, bool> When { get; } = when;

        public List<string> KeysSeen { get; } = [];

        public List<string> Crashed { get; } = [];

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
                    owner.Crashed.Add(command.Key.Value);
                    throw new SimulatedCrashException();
                }

                return result;
            }
        }
    }

    private sealed class SimulatedCrashException() : Exception("The process died after Vipps answered and before the result was saved.");
}
