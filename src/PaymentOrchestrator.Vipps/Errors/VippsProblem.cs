namespace PaymentOrchestrator.Vipps.Errors;

/// <summary>
/// The parsed body of an error answer, in whichever shape it came: ePayment/Webhooks problem+json, Recurring ErrorV3,
/// an Azure API Management body (<c>{statusCode, message}</c> or <c>{responseInfo, result}</c>), the token endpoint's
/// <c>{error, error_description}</c>, or plain text.
/// </summary>
public sealed record VippsProblem
{
    /// <summary>Problem <c>type</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Problem <c>title</c>.</summary>
    public string? Title { get; init; }

    /// <summary>Problem <c>detail</c>, or the gateway message.</summary>
    public string? Detail { get; init; }

    /// <summary>ePayment / Webhooks <c>traceId</c>.</summary>
    public string? TraceId { get; init; }

    /// <summary>Recurring <c>contextId</c>.</summary>
    public string? ContextId { get; init; }

    /// <summary>Problem <c>instance</c>.</summary>
    public string? Instance { get; init; }

    /// <summary>The <c>extraDetails</c>.</summary>
    public IReadOnlyList<VippsProblemDetail> ExtraDetails { get; init; } = [];

    /// <summary>True when the body had the Vipps problem shape.</summary>
    public bool IsProblemJson { get; init; }

    /// <summary>The numeric Vipps error code from <c>extraDetails</c> (<c>ErrorCode</c>/<c>errorCode</c>), if any.</summary>
    public string? ErrorCode => ExtraDetails
        .FirstOrDefault(d => string.Equals(d.Name, "ErrorCode", StringComparison.OrdinalIgnoreCase))?.Reason;
}
