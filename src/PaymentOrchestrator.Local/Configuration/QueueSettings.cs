using PaymentOrchestrator.Orchestration;

namespace PaymentOrchestrator.Local.Configuration;

/// <summary>Queue names and worker behaviour (<c>Local:Queues</c>).</summary>
public sealed class QueueSettings
{
    public string PaymentRequests { get; set; } = OrchestratorNames.PaymentRequestsQueue;

    public string RefundRequests { get; set; } = OrchestratorNames.RefundRequestsQueue;

    /// <summary>Messages of <c>payment-requests</c> processed at once.</summary>
    public int PaymentRequestsConcurrency { get; set; } = 4;

    public int RefundRequestsConcurrency { get; set; } = 2;

    /// <summary>How long a received message stays hidden; renewed every half of it while the work runs.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A message that failed this many deliveries moves to <c>&lt;queue&gt;-poison</c> with the last error as its reason.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>
    /// Pause between receives of an empty queue while messages flow (see <see cref="IdleAfter"/>), and where the back-off
    /// starts. Half of it is what a message waits for its pickup on average; each receive is one storage request.
    /// </summary>
    public TimeSpan MinIdleDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Longest pause between receives of an empty queue (once idle, the pause doubles from <see cref="MinIdleDelay"/> up to
    /// this); also the longest an empty request queue goes unpolled while every activity slot of the Durable engine is
    /// busy (<see cref="Queues.IWorkCapacity"/>: polled again as soon as one frees).
    /// </summary>
    public TimeSpan MaxIdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after its last message a queue counts as idle. Until then an empty receive is followed by the shortest
    /// pause (<see cref="MinIdleDelay"/>), so messages that keep coming are picked up at once; after it the pause backs off to
    /// <see cref="MaxIdleDelay"/>. Zero backs off after every empty receive.
    /// </summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Delay before a failed message is visible again (doubling per delivery, at most 1 minute).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
