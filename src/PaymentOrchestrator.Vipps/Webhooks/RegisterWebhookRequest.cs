namespace PaymentOrchestrator.Vipps.Webhooks;

/// <summary>Body of <c>POST /webhooks/v1/webhooks</c>.</summary>
public sealed record RegisterWebhookRequest
{
    /// <summary>HTTPS, reachable from the internet, no redirects; ports 80, 443 or 8080.</summary>
    public required Uri Url { get; init; }

    /// <summary>Event names, e.g. <see cref="WebhookEventNames.PaymentCaptured"/>.</summary>
    public required IReadOnlyList<string> Events { get; init; }
}
