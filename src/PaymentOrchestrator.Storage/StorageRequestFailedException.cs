using System.Globalization;
using Azure;

namespace PaymentOrchestrator.Storage;

/// <summary>
/// A storage request failed: carries the HTTP status (0 for network failures), the service error code, the request id
/// and the operation and resource. Derives from <see cref="RequestFailedException"/> as the Azure SDK's errors do. The
/// message never contains the account key.
/// </summary>
public class StorageRequestFailedException : RequestFailedException
{
    /// <summary>Creates the exception; the message is built from the parts.</summary>
    public StorageRequestFailedException(
        string operation, string resource, int status, string? errorCode, string? requestId, string? serviceMessage,
        Exception? innerException = null)
        : this(operation, resource, status, errorCode, requestId, serviceMessage,
            BuildMessage(operation, resource, status, errorCode, requestId, serviceMessage, innerException), innerException)
    {
    }

    /// <summary>Creates the exception with a message written by a subclass.</summary>
    protected StorageRequestFailedException(
        string operation, string resource, int status, string? errorCode, string? requestId, string? serviceMessage,
        string message, Exception? innerException)
        : base(status, message, errorCode, innerException)
    {
        Operation = operation;
        Resource = resource;
        RequestId = requestId;
        ServiceMessage = serviceMessage;
    }

    /// <summary>The client operation, e.g. <c>UpdateEntity</c>.</summary>
    public string Operation { get; }

    /// <summary>The resource, e.g. <c>orders(PartitionKey='p1',RowKey='r1')</c> or <c>queue jobs</c>.</summary>
    public string Resource { get; }

    /// <summary>The service's <c>x-ms-request-id</c>, when a response arrived.</summary>
    public string? RequestId { get; }

    /// <summary>The first line of the service's error message, when any.</summary>
    public string? ServiceMessage { get; }

    private static string BuildMessage(
        string operation, string resource, int status, string? errorCode, string? requestId, string? serviceMessage, Exception? inner)
    {
        if (status == 0)
        {
            return $"{operation} on {resource} failed without a response: {inner?.Message ?? "network error"}";
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{operation} on {resource} failed with HTTP {status}");
        if (!string.IsNullOrEmpty(errorCode))
        {
            text += $" ({errorCode})";
        }

        text += ".";
        if (!string.IsNullOrEmpty(serviceMessage))
        {
            text += " " + serviceMessage;
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            text += $" Request id: {requestId}.";
        }

        return text;
    }
}
