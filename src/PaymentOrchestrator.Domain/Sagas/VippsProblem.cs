namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// What Vipps (or the network) said when a command failed, kept verbatim for the operator: HTTP status, the numeric
/// error code from <c>extraDetails</c> (e.g. "6260"), problem type, title, detail and trace id. Status is null when no
/// HTTP answer came (timeout, connection reset).
/// </summary>
public sealed record VippsProblem(
    int? Status,
    string? ErrorCode,
    string Title,
    string? Detail = null,
    string? Type = null,
    string? TraceId = null);
