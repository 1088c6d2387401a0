using Azure;

namespace PaymentOrchestrator.Storage;

/// <summary>Reads the SDKs' failures the way callers need them.</summary>
public static class StorageErrors
{
    /// <summary>
    /// True when storage could not be reached at all (no response: refused, reset, timed out). Azure.Core reports it as
    /// status 0, and after its retries as an <see cref="AggregateException"/> of those.
    /// </summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } => true,
        HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnreachable),
        _ => false,
    };
}
