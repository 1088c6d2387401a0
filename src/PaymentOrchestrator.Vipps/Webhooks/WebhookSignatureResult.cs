namespace PaymentOrchestrator.Vipps.Webhooks;

/// <summary>Outcome of <c>VippsWebhookSignatureVerifier.Verify</c>: valid, or the failure and a reason to log.</summary>
public sealed record WebhookSignatureResult
{
    private WebhookSignatureResult(WebhookSignatureFailure failure, string reason)
    {
        Failure = failure;
        Reason = reason;
    }

    /// <summary>The accepted result.</summary>
    public static WebhookSignatureResult Valid { get; } = new(WebhookSignatureFailure.None, "The signature is valid and the request is fresh.");

    /// <summary>True when the request is authentic and fresh.</summary>
    public bool IsValid => Failure == WebhookSignatureFailure.None;

    /// <summary>What failed, or None.</summary>
    public WebhookSignatureFailure Failure { get; }

    /// <summary>A sentence for logs (never contains the secret or the expected signature).</summary>
    public string Reason { get; }

    internal static WebhookSignatureResult Fail(WebhookSignatureFailure failure, string reason) => new(failure, reason);
}
