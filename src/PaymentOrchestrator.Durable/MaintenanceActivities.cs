using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Onboarding;
using PaymentOrchestrator.Orchestration.Reconciliation;
using PaymentOrchestrator.Orchestration.SalesUnits;

namespace PaymentOrchestrator.Durable;

/// <summary>
/// The body of the maintenance activity, host-neutral: the host passes its signaller (the hand-off rule over its
/// Durable client) and its purge. One run: the wake-up sweep (<see cref="WakeUpSweep"/>) every time; the reconciliation
/// catch-up (<see cref="ReconciliationJob.CatchUpAsync"/>) when <c>Reconciliation:Interval</c> has passed since the
/// last; the purge of finished instances older than <see cref="MaintenanceOptions.HistoryRetention"/> when
/// <see cref="MaintenanceOptions.PurgeInterval"/> has passed; the follow-up of merchant onboardings
/// (<see cref="MerchantOnboarding.FollowUpAsync"/>) when <see cref="MaintenanceOptions.OnboardingPollInterval"/> has
/// passed; the sales-unit refresh (<see cref="SalesUnitRegistry.RefreshAsync"/>) every
/// <see cref="MaintenanceOptions.SalesUnitRefreshInterval"/>. Each job's failure is logged and does not stop the others;
/// a failed job is tried again at its next due time.
/// </summary>
public sealed partial class MaintenanceActivities(
    WakeUpSweep sweep,
    ReconciliationJob reconciliation,
    SalesUnitRegistry salesUnits,
    IOptions<ReconciliationOptions> reconciliationOptions,
    IOptions<MaintenanceOptions> options,
    MerchantOnboarding onboarding,
    TimeProvider time,
    ILogger<MaintenanceActivities> logger)
{
    /// <summary>
    /// One run. <paramref name="purgeFinishedCreatedBefore"/> purges completed, failed and terminated instances created
    /// before the time given and returns how many. Returns a <see cref="MaintenanceReport"/> as JSON.
    /// </summary>
    public async Task<string> MaintainAsync(
        string? input,
        ISagaSignaller signaller,
        Func<DateTimeOffset, CancellationToken, Task<int>> purgeFinishedCreatedBefore,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signaller);
        ArgumentNullException.ThrowIfNull(purgeFinishedCreatedBefore);
        var state = SagaHostingJson.ReadMaintenanceState(input);
        var o = options.Value;

        var swept = new WakeUpSweepResult(0, 0, 0);
        try
        {
            swept = await sweep.SweepAsync(signaller, o.SweepSlack, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, "wake-up sweep", e.Message);
        }

        var now = time.GetUtcNow();
        var (nextReconciliation, reconciled) = (state.NextReconciliationAt, 0);
        if (reconciliationOptions.Value.Enabled && MaintenanceState.IsDue(state.NextReconciliationAt, now))
        {
            nextReconciliation = now + reconciliationOptions.Value.Interval;
            try
            {
                var ran = await reconciliation.CatchUpAsync(cancellationToken);
                reconciled = ran.Count;
                if (ran.Count > 0)
                {
                    LogReconciled(ran.Count, ran.Count(d => d.Status == ReconciliationStatus.Reconciled),
                        ran.Count(d => d.Status == ReconciliationStatus.Reconciled && !d.IsClean));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, "reconciliation", e.Message);
            }
        }

        var (nextPurge, purged) = (state.NextPurgeAt, 0);
        if (MaintenanceState.IsDue(state.NextPurgeAt, now))
        {
            nextPurge = now + o.PurgeInterval;
            try
            {
                purged = await purgeFinishedCreatedBefore(now - o.HistoryRetention, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, "purge", e.Message);
            }
        }

        var (nextOnboardingPoll, onboarded) = (state.NextOnboardingPollAt, 0);
        if (MaintenanceState.IsDue(state.NextOnboardingPollAt, now))
        {
            nextOnboardingPoll = now + o.OnboardingPollInterval;
            try
            {
                onboarded = (await onboarding.FollowUpAsync(o.OnboardingExpiry, cancellationToken)).Completed;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, "onboarding follow-up", e.Message);
            }
        }

        var (nextSalesUnitRefresh, salesUnitsChanged) = await RefreshSalesUnitsWhenDueAsync(state.NextSalesUnitRefreshAt, now, cancellationToken);

        return SagaHostingJson.Write(new MaintenanceReport(
            new MaintenanceState(nextReconciliation, nextPurge, nextOnboardingPoll, nextSalesUnitRefresh), o.Interval, swept.Signalled, swept.Deleted, reconciled, purged,
            onboarded, salesUnitsChanged));
    }

    /// <summary>The sales-unit refresh, when due (a new instance's first one interval after it starts); its failure is logged.</summary>
    private async Task<(DateTimeOffset Next, int Changed)> RefreshSalesUnitsWhenDueAsync(DateTimeOffset? due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var interval = options.Value.SalesUnitRefreshInterval;
        if (due is null || due > now)
        {
            return (due ?? now + interval, 0);
        }

        try
        {
            var view = await salesUnits.RefreshAsync(cancellationToken);
            return (now + interval, view.Rows.Count(r => r.Refreshed is not null));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, "sales-unit refresh", e.Message);
            return (now + interval, 0);
        }
    }

    [LoggerMessage(EventId = 4610, Level = LogLevel.Information, Message = "Reconciliation ran {Count} ledger dates: {Reconciled} reconciled, {WithDiscrepancies} with discrepancies")]
    private partial void LogReconciled(int count, int reconciled, int withDiscrepancies);

    [LoggerMessage(EventId = 4611, Level = LogLevel.Warning, Message = "Maintenance: {Job} failed: {Error}")]
    private partial void LogFailed(Exception exception, string job, string error);
}
