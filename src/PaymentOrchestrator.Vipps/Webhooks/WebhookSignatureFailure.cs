namespace PaymentOrchestrator.Vipps.Webhooks;

/// <summary>Why a webhook request was not accepted.</summary>
public enum WebhookSignatureFailure
{
    /// <summary>Not a failure: the request is authentic and fresh.</summary>
    None = 0,

    /// <summary>x-ms-date, x-ms-content-sha256 or Authorization is missing.</summary>
    MissingHeader,

    /// <summary>x-ms-date is not an RFC 1123 date.</summary>
    InvalidDate,

    /// <summary>x-ms-date is outside the freshness window (a replay, or a badly wrong clock).</summary>
    Stale,

    /// <summary>The body's SHA-256 does not match x-ms-content-sha256 (the body was changed or re-serialized).</summary>
    ContentHashMismatch,

    /// <summary>The Authorization header does not carry the expected HMAC signature.</summary>
    SignatureMismatch,
}
