using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Durable;

/// <summary>
/// Starts the maintenance orchestration under its fixed instance id, idempotently: dedupe statuses Pending, Running
/// and Suspended (as <see cref="DurableTaskClientOrchestrationClient.TryStartAsync"/>), so a live instance is never
/// replaced and a completed, failed or terminated one is started again. Started once, it survives restarts (its timer
/// is a durable message).
/// </summary>
public static partial class MaintenanceStarter
{
    private static readonly Lock Gate = new();
    private static Task? _once;

    /// <summary>Starts it unless live; true when this call started it.</summary>
    public static async Task<bool> EnsureStartedAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var options = new StartOrchestrationOptions(SagaOrchestrationNames.MaintenanceInstanceId).WithDedupeStatuses(
            OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                SagaOrchestrationNames.MaintenanceOrchestrator, SagaHostingJson.Write(new MaintenanceState()), options, cancellationToken);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>
    /// <see cref="EnsureStartedAsync"/> once per process (the Functions app has no start-up hook with a Durable client:
    /// its triggers call this with their [DurableClient]). A failure is logged, never thrown — the trigger's own work
    /// goes on — and the next call tries again.
    /// </summary>
    public static async Task EnsureStartedOnceAsync(DurableTaskClient client, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logger);
        Task once;
        lock (Gate)
        {
            once = _once ??= EnsureStartedAsync(client, CancellationToken.None);
        }

        try
        {
            await once.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            lock (Gate)
            {
                if (ReferenceEquals(_once, once))
                {
                    _once = null;
                }
            }

            LogStartFailed(logger, e, e.Message);
        }
    }

    [LoggerMessage(EventId = 4621, Level = LogLevel.Warning, Message = "Could not ensure the maintenance orchestration is running (the next trigger tries again): {Error}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string error);
}
