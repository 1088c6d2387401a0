using System.Globalization;
using System.Net;
using System.Text;

namespace PaymentOrchestrator.Vipps.Errors;

/// <summary>
/// A Vipps call that did not succeed: an error answer (problem+json or a gateway body), a network error or a timeout.
/// Branch on <see cref="Status"/>, <see cref="ErrorCode"/> and <see cref="IsTransient"/>, never on the text.
/// The message and properties never contain secrets or tokens.
/// </summary>
public sealed class VippsApiException : Exception
{
    private static readonly HashSet<string> TransientErrorCodes = new(StringComparer.Ordinal) { "6160", "6280" };

    /// <summary>Creates an exception for an error answer from Vipps.</summary>
    public VippsApiException(string operation, string? msn, int status, VippsProblem problem, TimeSpan? retryAfter = null, string? hint = null)
        : base(BuildMessage(operation, msn, status, problem, hint))
    {
        ArgumentNullException.ThrowIfNull(problem);
        Operation = operation;
        Msn = msn;
        Status = status;
        ProblemType = problem.Type;
        Title = problem.Title;
        Detail = problem.Detail;
        TraceId = problem.TraceId;
        ContextId = problem.ContextId;
        Instance = problem.Instance;
        ExtraDetails = problem.ExtraDetails;
        IsProblemResponse = problem.IsProblemJson;
        ErrorCode = problem.ErrorCode;
        RetryAfter = retryAfter;
        IsTransient = IsTransientStatus(status) || (ErrorCode is not null && TransientErrorCodes.Contains(ErrorCode));
    }

    /// <summary>Creates an exception for a call that got no answer (network error, timeout, open circuit): always transient.</summary>
    public VippsApiException(string operation, string? msn, string reason, Exception? innerException)
        : base(string.Create(CultureInfo.InvariantCulture, $"Vipps {operation}{ForMsn(msn)} got no answer: {reason}. It is safe to retry with the same idempotency key, or read the resource back."), innerException)
    {
        Operation = operation;
        Msn = msn;
        IsTransient = true;
        ExtraDetails = [];
    }

    /// <summary>Creates an exception with a message only (for serializers and mocks).</summary>
    public VippsApiException()
    {
        Operation = "";
        ExtraDetails = [];
    }

    /// <summary>Creates an exception with a message only.</summary>
    public VippsApiException(string message)
        : base(message)
    {
        Operation = "";
        ExtraDetails = [];
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public VippsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "";
        ExtraDetails = [];
    }

    /// <summary>The operation, e.g. <c>epayment.capture</c>.</summary>
    public string Operation { get; }

    /// <summary>The MSN the call was for, if any.</summary>
    public string? Msn { get; }

    /// <summary>HTTP status, or null when no answer arrived.</summary>
    public int? Status { get; }

    /// <summary>The status as <see cref="HttpStatusCode"/>, or null when no answer arrived.</summary>
    public HttpStatusCode? StatusCode => Status is { } s ? (HttpStatusCode)s : null;

    /// <summary>Problem <c>type</c> URI.</summary>
    public string? ProblemType { get; }

    /// <summary>Problem <c>title</c>.</summary>
    public string? Title { get; }

    /// <summary>Problem <c>detail</c> (or the gateway's message).</summary>
    public string? Detail { get; }

    /// <summary>The Vipps error code from <c>extraDetails</c> (e.g. <c>6080</c>), if any.</summary>
    public string? ErrorCode { get; }

    /// <summary>ePayment / Webhooks <c>traceId</c>.</summary>
    public string? TraceId { get; }

    /// <summary>Recurring <c>contextId</c>.</summary>
    public string? ContextId { get; }

    /// <summary>Problem <c>instance</c> (the request path).</summary>
    public string? Instance { get; }

    /// <summary>All <c>extraDetails</c> entries.</summary>
    public IReadOnlyList<VippsProblemDetail> ExtraDetails { get; }

    /// <summary>False when the body was not a Vipps problem (e.g. a 401/403/429 from Azure API Management).</summary>
    public bool IsProblemResponse { get; }

    /// <summary>Retry-After of the answer, if it had one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Worth retrying with the same idempotency key: 5xx, 408, 423, 429, error codes 6160 and 6280, network errors,
    /// timeouts and an open circuit. Everything else is permanent.
    /// </summary>
    public bool IsTransient { get; }

    internal static bool IsTransientStatus(int status) => status is 408 or 423 or 429 or >= 500;

    internal static bool IsTransientErrorCode(string? code) => code is not null && TransientErrorCodes.Contains(code);

    private static string ForMsn(string? msn) => msn is null ? "" : " for MSN " + msn;

    private static string BuildMessage(string operation, string? msn, int status, VippsProblem problem, string? hint)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Vipps {operation}{ForMsn(msn)} failed with {status}");
        if (!string.IsNullOrEmpty(problem.Title))
        {
            text.Append(' ').Append(problem.Title);
        }

        if (!string.IsNullOrEmpty(problem.Detail))
        {
            text.Append(": ").Append(problem.Detail);
        }

        var ids = new List<string>();
        if (problem.ErrorCode is not null)
        {
            ids.Add("error code " + problem.ErrorCode);
        }

        if (problem.TraceId is not null)
        {
            ids.Add("traceId " + problem.TraceId);
        }

        if (problem.ContextId is not null)
        {
            ids.Add("contextId " + problem.ContextId);
        }

        if (ids.Count > 0)
        {
            text.Append(" (").AppendJoin(", ", ids).Append(')');
        }

        if (!problem.IsProblemJson)
        {
            text.Append(" [not a Vipps problem response: probably the API gateway]");
        }

        text.Append('.');
        if (hint is not null)
        {
            text.Append(' ').Append(hint);
        }

        return text.ToString();
    }
}
