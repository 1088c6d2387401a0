using System.Globalization;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>
/// A transaction was rejected; nothing of it was applied. Says which action failed
/// (<see cref="FailedTransactionActionIndex"/>), with its status and error code.
/// </summary>
public sealed class TableTransactionFailedException : StorageRequestFailedException
{
    internal TableTransactionFailedException(
        string table, int? failedIndex, TableTransactionAction? failedAction, int status, string? errorCode, string? requestId,
        string? serviceMessage)
        : base("SubmitTransaction", $"table {table}", status, errorCode, requestId, serviceMessage,
            BuildMessage(table, failedIndex, failedAction, status, errorCode, requestId, serviceMessage), null)
    {
        FailedTransactionActionIndex = failedIndex;
        FailedAction = failedAction;
    }

    /// <summary>0-based index of the failed action, when the service said which.</summary>
    public int? FailedTransactionActionIndex { get; }

    /// <summary>The failed action, when known.</summary>
    public TableTransactionAction? FailedAction { get; }

    private static string BuildMessage(
        string table, int? index, TableTransactionAction? action, int status, string? errorCode, string? requestId, string? serviceMessage)
    {
        var which = index is { } i ? string.Create(CultureInfo.InvariantCulture, $"action {i} ({action})") : "an unidentified action";
        var code = errorCode is null ? string.Empty : $" ({errorCode})";
        var detail = serviceMessage is null ? string.Empty : $": {serviceMessage}";
        var id = requestId is null ? string.Empty : $" Request id: {requestId}.";
        return string.Create(CultureInfo.InvariantCulture,
            $"SubmitTransaction on table {table} failed: {which} returned HTTP {status}{code}{detail}. Nothing in the transaction was applied.{id}");
    }
}
