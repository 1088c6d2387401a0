using PaymentOrchestrator.Orchestration;

namespace PaymentOrchestrator.Local.Configuration;

/// <summary>Queue names and worker behaviour (<c>Local:Queues</c>).</summary>
public sealed class QueueSettings
{
    public string PaymentRequests { get; set; } = OrchestratorNames.PaymentRequestsQueue;

    public string RefundRequests { get; set; } = OrchestratorNames.RefundRequestsQueue;

    public string WakeUps { get; set; } = OrchestratorNames.WakeUpsQueue;

    /// <summary>Messages of <c>payment-requests</c> processed at once.</summary>
    public int PaymentRequestsConcurrency { get; set; } = 4;

    public int RefundRequestsConcurrency { get; set; } = 2;

    public int WakeUpsConcurrency { get; set; } = 4;

    /// <summary>How long a received message stays hidden; renewed every half of it while the work runs.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A message that failed this many deliveries moves to <c>&lt;queue&gt;-poison</c> with the last error as its reason.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Longest pause between receives of an empty queue (the pause doubles from 50 ms up to this).</summary>
    public TimeSpan MaxIdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before a failed message is visible again (doubling per delivery, at most 1 minute).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest visibility delay of one wake-up message; later wake-ups are chained (Storage allows 7 days).</summary>
    public TimeSpan MaxWakeUpDelay { get; set; } = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    /// <summary>How often sagas whose wake-up is overdue (lost message, clock jump) are woken.</summary>
    public TimeSpan OverdueSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A wake-up this late counts as overdue for the sweep.</summary>
    public TimeSpan OverdueGrace { get; set; } = TimeSpan.FromMinutes(1);
}
