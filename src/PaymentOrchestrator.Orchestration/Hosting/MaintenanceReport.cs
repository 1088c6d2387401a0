namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// One maintenance run, as the activity returns it to the orchestration: the state for the next run, the wait until
/// it (<see cref="MaintenanceOptions.Interval"/>, read by the activity so a changed setting takes effect without a new
/// orchestrator version), and what was done.
/// </summary>
public sealed record MaintenanceReport(
    MaintenanceState Next,
    TimeSpan Interval,
    int Signalled,
    int StaleRowsDeleted,
    int DatesReconciled,
    int InstancesPurged,
    int OnboardingsCompleted = 0,
    int SalesUnitsChanged = 0);
