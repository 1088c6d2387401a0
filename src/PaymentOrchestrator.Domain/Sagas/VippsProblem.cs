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
    string? TraceId = null)
{
    /// <summary>The <see cref="Type"/> of a command the orchestrator did not send (see <see cref="NotSent"/>).</summary>
    public const string NotSentType = "urn:payment-orchestrator:not-sent";

    /// <summary>A command withheld before any request, saying why (no status: Vipps was never asked).</summary>
    public static VippsProblem NotSent(string title, string? detail = null) => new(null, null, title, detail, NotSentType);

    /// <summary>True when the command was never sent to Vipps.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool WasNotSent => Status is null && Type == NotSentType;
}
