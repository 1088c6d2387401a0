namespace PaymentOrchestrator.Vipps.Resilience;

/// <summary>
/// Circuit breaker settings (bound from <c>Vipps:Resilience:CircuitBreaker</c>). One breaker per MSN, so a sales unit
/// that keeps failing does not stop calls for the others.
/// </summary>
public sealed class VippsCircuitBreakerOptions
{
    /// <summary>Turn the breaker off entirely. Default true (on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Share of transient failures in the sampling window that opens the circuit (0 &lt; x ≤ 1). Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the window before the ratio counts (at least 2). Default 20.</summary>
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>Sampling window. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call. Default 15 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
