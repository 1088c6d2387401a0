using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Durable;

/// <summary>
/// The eternal maintenance orchestration of both hosts (instance <see cref="SagaOrchestrationNames.MaintenanceInstanceId"/>):
/// one activity (<see cref="SagaOrchestrationNames.MaintainActivity"/>: wake-up sweep, reconciliation when due, purge when
/// due), then a durable timer for the interval the activity returned, and after
/// <see cref="SagaOrchestrationPolicy.MaintenanceRunsPerExecution"/> runs a continue-as-new carrying the
/// <see cref="MaintenanceState"/>. The orchestrator reads no clock and no setting: what is due and how long to wait come
/// back from the activity, recorded in the history, so it replays the same way.
/// </summary>
public static class MaintenanceOrchestration
{
    /// <summary>Runs the loop; the input is a <see cref="MaintenanceState"/> as JSON (nothing on a first start).</summary>
    public static async Task RunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logger = context.CreateReplaySafeLogger(typeof(MaintenanceOrchestration));
        var state = SagaHostingJson.ReadMaintenanceState(context.GetInput<string>());
        for (var run = 0; run < SagaOrchestrationPolicy.MaintenanceRunsPerExecution; run++)
        {
            TimeSpan wait;
            try
            {
                var report = SagaHostingJson.ReadMaintenanceReport(
                    await context.CallActivityAsync<string>(SagaOrchestrationNames.MaintainActivity, SagaHostingJson.Write(state)));
                state = report.Next;
                wait = report.Interval;
            }
            catch (TaskFailedException failure)
            {
                // The activity catches each job's own failures; this is the host failing under it. Try again later
                // rather than fail the instance (a failed one is started again only by the next trigger's ensure).
                logger.LogWarning("Maintenance run failed ({Error}); next run in {Wait}",
                    failure.FailureDetails.ErrorMessage, SagaOrchestrationPolicy.MaintenanceFailureWait);
                wait = SagaOrchestrationPolicy.MaintenanceFailureWait;
            }

            await context.CreateTimer(context.CurrentUtcDateTime + wait, CancellationToken.None);
        }

        context.ContinueAsNew(SagaHostingJson.Write(state), preserveUnprocessedEvents: false);
    }
}
