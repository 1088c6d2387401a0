namespace PaymentOrchestrator.Storage;

/// <summary>Limits of Azure Storage queues that callers size their calls by.</summary>
public static class QueueLimits
{
    /// <summary>At most this many messages per receive or peek.</summary>
    public const int MaxMessagesPerReceive = 32;

    /// <summary>
    /// A message that never expires. The SDK sends <see cref="Timeout.InfiniteTimeSpan"/> as <c>messagettl=0</c>, which
    /// the service refuses (400); -1 second is the service's "never".
    /// </summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);
}
