namespace PaymentOrchestrator.Vipps.Resilience;

/// <summary>
/// Retry, timeout and circuit-breaker settings for every Vipps call (bound from <c>Vipps:Resilience</c>). Retries are
/// safe because every money-moving call carries the caller's idempotency key, which is resent unchanged.
/// </summary>
public sealed class VippsResilienceOptions
{
    /// <summary>Retries after the first attempt for transient failures (0 disables retries). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; doubled per retry, with jitter. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest backoff delay. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Randomize backoff delays so that many callers do not retry in step. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// The longest <c>Retry-After</c> that is waited out. A 429 or 503 asking for longer is not retried here but
    /// returned to the caller (as a transient <see cref="Errors.VippsApiException"/> with <c>RetryAfter</c>). Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one attempt. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of a whole call including retries and their delays. Default 2 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Circuit breaker per sales unit (and one for token requests).</summary>
    public VippsCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}
