namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// Bounds on one saga's captures and refunds. Their number is not limited: each has a row of its own, and the saga row
/// keeps only totals and the ones in flight. Those in flight are capped, because each holds an entry (and a command in
/// the outbox) in the saga row, whose state is one Table property of at most 32K characters.
/// </summary>
public static class OperationLimits
{
    /// <summary>
    /// Captures and refunds accepted and not yet confirmed by Vipps, together, per saga. Each takes up to about 1,100
    /// characters of the state at the longest ids, reference and description (a charge refund; a payment's about
    /// 650), so 25 stay well under the property limit (<c>SagaRowBoundsTests</c> measures it). At Vipps' 5
    /// modifications a minute per payment, 25 are five minutes of work.
    /// </summary>
    public const int MaxInFlight = 25;

    /// <summary>The refusal of a capture or refund beyond <see cref="MaxInFlight"/>: retry it later, it is not wrong.</summary>
    public const string InFlightCode = "operations-in-flight";

    /// <summary>
    /// When to try again after <see cref="InFlightCode"/>: even at Vipps' 5 modifications a minute per payment, a full
    /// saga frees a place within about this long.
    /// </summary>
    public static TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether a refusal says "not now" rather than "never": it is not recorded, and the sender retries.</summary>
    public static bool IsRetryable(string? code) => code == InFlightCode;
}
