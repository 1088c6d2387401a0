namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>One sweep: index rows read (due), sagas signalled, stale rows deleted.</summary>
public sealed record WakeUpSweepResult(int Due, int Signalled, int Deleted);
