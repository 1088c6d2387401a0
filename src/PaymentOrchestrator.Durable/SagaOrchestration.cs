using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Durable;

/// <summary>
/// One orchestration per saga (instance id <see cref="SagaInstanceIds.For"/>): the saga's pump. Each step is one
/// activity (<see cref="SagaOrchestrationNames.AdvanceActivity"/>) that reads the row, applies a due wake-up,
/// executes the handed-out command, applies its result and publishes outcomes; between steps it waits for a signal or
/// the next wake-up (a wake-up beyond <see cref="SagaOrchestrationPolicy.ParkingHorizon"/> is parked: a signal only, sent
/// by the wake-up sweep when due). Every decision is <see cref="SagaTurn.Next"/> (pure, tested in Orchestration.Tests); this method
/// only performs the steps. Both hosts run this one method: the Functions app from its [OrchestrationTrigger]
/// function, the local host on a Durable Task Framework worker.
/// </summary>
public static class SagaOrchestration
{
    // RetryPolicy(int, TimeSpan, double, TimeSpan?) and TaskOptions.FromRetryPolicy (durabletask-dotnet
    // src/Abstractions/RetryPolicy.cs, TaskOptions.cs): retries run inside the orchestration, with durable timers.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        SagaOrchestrationPolicy.ActivityAttempts,
        SagaOrchestrationPolicy.ActivityFirstRetry,
        SagaOrchestrationPolicy.ActivityBackoff,
        SagaOrchestrationPolicy.ActivityMaxRetry));

    /// <summary>
    /// Runs the saga's orchestration; the input is a <see cref="SagaProgress"/> as JSON, of which only the key is read:
    /// the first step reads the row.
    /// </summary>
    public static async Task RunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logger = context.CreateReplaySafeLogger(typeof(SagaOrchestration));
        var turn = SagaTurn.Start(SagaHostingJson.ReadProgress(context.GetInput<string>()).Key);
        var key = SagaHostingJson.Write(turn.Key);

        // At most one event waiter, never cancelled: a cancelled waiter stays on the wrapper's waiter stack and would
        // swallow the next event (durabletask-dotnet src/Worker/Core/Shims/TaskOrchestrationContextWrapper.cs,
        // WaitForExternalEvent / CompleteExternalEvent). It is kept across timer wake-ups instead. A signal only wakes
        // the orchestration: what it carried is in the row, which the next advance reads.
        Task<string>? signal = null;
        while (true)
        {
            var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            try
            {
                switch (turn.Next(now))
                {
                    case AdvanceStep:
                        var advanced = await context.CallActivityAsync<string>(SagaOrchestrationNames.AdvanceActivity, key, Retry);
                        turn = turn.Advanced(SagaHostingJson.ReadAdvance(advanced));
                        break;
                    case WaitStep wait:
                        signal ??= context.WaitForExternalEvent<string>(SagaOrchestrationNames.InputEvent);
                        if (wait.Until is not { } until)
                        {
                            await signal;
                            signal = null;
                            turn = turn.Woken();
                            break;
                        }

                        // The losing timer is cancelled, or the instance would stay Running until it fires
                        // (CreateTimer remarks, src/Abstractions/TaskOrchestrationContext.cs).
                        using (var timerCancellation = new CancellationTokenSource())
                        {
                            var timer = context.CreateTimer(until.UtcDateTime, timerCancellation.Token);
                            if (await Task.WhenAny(signal, timer) == signal)
                            {
                                timerCancellation.Cancel();
                                signal = null;
                            }

                            turn = turn.Woken();
                        }

                        break;
                    case ContinueAsNewStep:
                        // A signal already raised is taken here, not carried: the wrapper carries buffered events by
                        // sending them to the instance itself, and those can be lost on the way to the next execution
                        // (durabletask-dotnet#387; the in-process test host loses them every time). WaitForExternalEvent
                        // completes at once with a buffered event (TaskOrchestrationContextWrapper), and which events
                        // are buffered here follows from the history, so this replays the same way.
                        signal ??= context.WaitForExternalEvent<string>(SagaOrchestrationNames.InputEvent);
                        if (signal.IsCompleted)
                        {
                            signal = null;
                            turn = turn.Woken();
                            break;
                        }

                        // Nothing is buffered; an event raised while this execution ends is still carried
                        // (ContinueAsNew(object?, bool), src/Abstractions/TaskOrchestrationContext.cs), and the next
                        // execution starts by reading the row anyway.
                        context.ContinueAsNew(SagaHostingJson.Write(SagaProgress.ReadFirst(turn.Key)), preserveUnprocessedEvents: true);
                        return;
                    case CompleteStep:
                        logger.LogInformation("Saga {SagaKey} is finished; its orchestration completes", turn.Key);
                        return;
                }
            }
            catch (TaskFailedException failure)
            {
                // The activity failed all its retries (src/Abstractions/TaskFailedException.cs): the row still holds
                // every command and outcome, so wait and read the saga again rather than fail the orchestration.
                logger.LogWarning("Saga {SagaKey}: activity {Activity} failed after retries ({Error}); reading the saga again in {Backoff}",
                    turn.Key, failure.TaskName, failure.FailureDetails.ErrorMessage, SagaOrchestrationPolicy.FailureBackoff);
                turn = turn.Failed(now);
            }
        }
    }
}
