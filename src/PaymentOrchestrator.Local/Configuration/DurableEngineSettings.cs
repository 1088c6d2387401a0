namespace PaymentOrchestrator.Local.Configuration;

/// <summary>
/// The local host's Durable engine (<c>Local:Durable</c>): the Durable Task Framework's Azure Storage backend over the
/// host's storage (Azurite). The defaults are tuned for one machine; docs/architecture.md gives their measured effect.
/// </summary>
public sealed class DurableEngineSettings
{
    /// <summary>Task hub name: its queues, tables and lease container are named after it (3-45 letters and digits).</summary>
    public string TaskHub { get; set; } = "paymentorchestrator";

    /// <summary>Control-queue partitions. One is fastest on one machine; more let several hosts run orchestrations in parallel.</summary>
    public int PartitionCount { get; set; } = 1;

    /// <summary>Keep an orchestration's history in memory between its events (no history reload per event).</summary>
    public bool ExtendedSessions { get; set; } = true;

    /// <summary>
    /// How long an idle extended session stays in memory. An idle session holds one of
    /// <see cref="MaxConcurrentOrchestrations"/>: a saga waiting for its customer must not keep a slot for long.
    /// </summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest pause between polls of an empty control or work-item queue (the backend backs off up to it).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a receive that finds a control or work-item queue empty is held, unless this host sends that queue a
    /// message first (then it receives again at once); a receive of a queue known to be empty (nothing sent since a
    /// receive found fewer messages than it asked for) is held as long before it is sent. Fewer empty receives, and a
    /// timer or another host's message waits up to this much longer. Zero turns it off.
    /// </summary>
    public TimeSpan EmptyReceiveHold { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Orchestration work items (and idle extended sessions) held at once by this host; they cost little CPU.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Activities (Vipps calls, saga applies, outcome publishes) run at once by this host.</summary>
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>Control-queue messages buffered in memory before the dispatcher stops fetching.</summary>
    public int ControlQueueBufferThreshold { get; set; } = 256;

    /// <summary>
    /// How long a partition lease lasts without renewal: after a host is killed, a host with another
    /// <see cref="WorkerId"/> takes its partitions over once the lease has run out.
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// This host's name in the partition table (the Durable Task Framework's default: the machine name). A host that
    /// restarts under the same name takes its partitions back at once, even after a kill -9; several hosts that share
    /// one task hub at the same time need distinct names.
    /// </summary>
    public string? WorkerId { get; set; }
}
