namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// The limits of a saga's orchestration. Constants, not settings: changing them changes the orchestrator's decisions,
/// and a Durable orchestrator must decide the same way when it replays, so a change needs a new orchestrator version.
/// </summary>
public static class SagaOrchestrationPolicy
{
    /// <summary>
    /// Advances run without a wait in between (each executes at most one command) before the orchestration yields to
    /// the next wake-up — the guard against a runaway saga.
    /// </summary>
    public const int MaxCommandsPerTurn = 50;

    /// <summary>
    /// Waits (signals or timers) per execution before it continues as new. About ten history events per turn keep an
    /// execution's history in the low hundreds of events, however long the saga lives.
    /// </summary>
    public const int TurnsPerExecution = 20;

    /// <summary>
    /// A wake-up further away than this is parked: the orchestration waits for a signal only and holds no durable
    /// timer (on Azurite every timer message held slows every queue operation of the host); the wake-up index's sweep
    /// signals it when it is due (<see cref="Stores.WakeUpIndex"/>).
    /// </summary>
    public static readonly TimeSpan ParkingHorizon = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Every durable timer is set this long after the wake-up it waits for. The Azure Storage backend (local host and
    /// Durable Functions alike) holds a timer as a queue message whose visibility is whole seconds, so a timer can fire
    /// up to a second early; the advance then finds nothing due, and a timer set again for the same moment fires at
    /// once — a spin of orchestration turns and activities until the second has passed (57 of them, ~600 storage
    /// requests, for one saga's two polls in a trace of the local host). A wake-up is never late by more than this.
    /// </summary>
    public static readonly TimeSpan TimerSlack = TimeSpan.FromSeconds(1);

    /// <summary>Runs of the maintenance orchestration per execution before it continues as new (bounds its history).</summary>
    public const int MaintenanceRunsPerExecution = 100;

    /// <summary>After the maintenance activity failed, the maintenance orchestration waits this long before the next run.</summary>
    public static readonly TimeSpan MaintenanceFailureWait = TimeSpan.FromMinutes(1);

    /// <summary>After the advance activity failed all its retries, the orchestration waits this long and reads the saga again.</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Activity retries (Durable RetryPolicy): attempts, first interval, backoff coefficient, longest interval.</summary>
    public const int ActivityAttempts = 5;

    public static readonly TimeSpan ActivityFirstRetry = TimeSpan.FromSeconds(5);

    public const double ActivityBackoff = 2.0;

    public static readonly TimeSpan ActivityMaxRetry = TimeSpan.FromMinutes(1);
}
