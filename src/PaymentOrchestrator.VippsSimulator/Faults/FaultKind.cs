namespace PaymentOrchestrator.VippsSimulator;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answer with <see cref="FaultRule.Status"/> (default 500) without executing the request.</summary>
    Error,

    /// <summary>Answer 429 with <c>Retry-After</c> without executing the request.</summary>
    RateLimit,

    /// <summary>Wait <see cref="FaultRule.LatencyMs"/> and then execute the request normally.</summary>
    Latency,

    /// <summary>
    /// Execute the request fully (including storing it for idempotency), then lose the answer: the caller gets
    /// <see cref="FaultRule.Status"/> (default 500) or, with status 0, an aborted connection.
    /// </summary>
    LostResponse,
}
