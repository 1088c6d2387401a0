namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// What the maintenance orchestration carries from run to run (and across continue-as-new): when reconciliation, the
/// purge and the follow-up of merchant onboardings are due next. Null means "now" (a new instance runs them at once),
/// except for the sales-unit refresh, which a new instance first runs one
/// <see cref="MaintenanceOptions.SalesUnitRefreshInterval"/> after it starts (a host start then never calls Vipps for
/// every unit; <c>sales-units sync</c> refreshes at once). Set by the maintenance activity on the host's clock, so the
/// orchestrator itself never reads a clock or a setting.
/// </summary>
public sealed record MaintenanceState(
    DateTimeOffset? NextReconciliationAt = null,
    DateTimeOffset? NextPurgeAt = null,
    DateTimeOffset? NextOnboardingPollAt = null,
    DateTimeOffset? NextSalesUnitRefreshAt = null)
{
    /// <summary>Whether a job whose next run is <paramref name="next"/> is due at <paramref name="now"/>.</summary>
    public static bool IsDue(DateTimeOffset? next, DateTimeOffset now) => next is not { } at || at <= now;
}
