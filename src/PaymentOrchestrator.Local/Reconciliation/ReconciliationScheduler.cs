using Microsoft.Extensions.Options;
using PaymentOrchestrator.Orchestration.Reconciliation;

namespace PaymentOrchestrator.Local.Reconciliation;

/// <summary>
/// Runs the reconciliation job on its own: on start (catching up the days missed while the host was down), then every
/// <see cref="ReconciliationOptions.Interval"/>, for every active sales unit and every ledger date that has ended and
/// is not reconciled yet (pending dates when due again). A plain hosted service for now; it moves to durable timers
/// when the one-engine issue lands.
/// </summary>
public sealed partial class ReconciliationScheduler(
    ReconciliationJob job, IOptions<ReconciliationOptions> options, TimeProvider time, ILogger<ReconciliationScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var ran = await job.CatchUpAsync(stoppingToken);
                if (ran.Count > 0)
                {
                    LogRan(ran.Count, ran.Count(d => d.Status == ReconciliationStatus.Reconciled), ran.Count(d => d.Status == ReconciliationStatus.Reconciled && !d.IsClean));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e, e.Message);
            }

            try
            {
                await Task.Delay(options.Value.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 4610, Level = LogLevel.Information, Message = "Reconciliation ran {Count} ledger dates: {Reconciled} reconciled, {WithDiscrepancies} with discrepancies")]
    private partial void LogRan(int count, int reconciled, int withDiscrepancies);

    [LoggerMessage(EventId = 4611, Level = LogLevel.Warning, Message = "Reconciliation run failed: {Error}")]
    private partial void LogFailed(Exception exception, string error);
}
