namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>
/// A message the saga cannot take now but may later (its code says why): thrown so that the transport delivers it
/// again instead of completing or dead-lettering it.
/// </summary>
public sealed class RetryLaterException : Exception
{
    public RetryLaterException()
    {
    }

    public RetryLaterException(string message)
        : base(message)
    {
    }

    public RetryLaterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RetryLaterException(string code, string reason)
        : base($"{code}: {reason}") => Code = code;

    /// <summary>The saga's refusal code, e.g. <c>operations-in-flight</c>.</summary>
    public string? Code { get; }
}
