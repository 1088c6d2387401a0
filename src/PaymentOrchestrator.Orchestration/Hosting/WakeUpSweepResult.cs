namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>One sweep: index rows read (due), sagas signalled, stale rows deleted, early rows moved to their saga's attention.</summary>
public sealed record WakeUpSweepResult(int Due, int Signalled, int Deleted, int Moved = 0);
