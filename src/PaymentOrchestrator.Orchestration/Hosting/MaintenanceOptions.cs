namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// The maintenance orchestration of both hosts (section <c>Maintenance</c>): how often it runs the wake-up sweep, how
/// overdue a saga with a durable timer must be before the sweep signals it, and how long finished Durable instances'
/// histories are kept. Reconciliation keeps its own section (<c>Reconciliation:Enabled</c>, <c>Interval</c>).
/// </summary>
public sealed class MaintenanceOptions
{
    public const string SectionName = "Maintenance";

    /// <summary>The durable timer between runs: the latest a parked saga is woken after its wake-up is due.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How far past due a wake-up that has its own durable timer must be before the sweep signals it.</summary>
    public TimeSpan SweepSlack { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Completed, failed and terminated instances created longer ago than this are purged with their history.</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often the purge runs (each run queries the task hub's instances).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the product orders of onboardings in flight are followed up (one Management API call each).</summary>
    public TimeSpan OnboardingPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after sending an onboarding is followed before it is marked Expired.</summary>
    public TimeSpan OnboardingExpiry { get; set; } = TimeSpan.FromDays(30);
    /// <summary>
    /// How often the registry follows Vipps (<c>Maintenance:SalesUnitRefreshInterval</c>): names and capabilities
    /// updated, units Vipps no longer links disabled with the reason. One Management API call per unit.
    /// </summary>
    public TimeSpan SalesUnitRefreshInterval { get; set; } = TimeSpan.FromHours(6);
}
