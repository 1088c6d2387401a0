namespace PaymentOrchestrator.Orchestration.Webhooks;

/// <summary>
/// Webhook registrations whose signatures this host accepts (configuration section <c>Webhooks</c>). The secret is
/// shown once by Vipps at registration: keep it in user secrets or Key Vault, never in a committed file.
/// </summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Registrations, each the URL registered with Vipps (signatures are computed over its path and host) and its secret.</summary>
    public List<WebhookRegistrationOptions> Registrations { get; set; } = [];
}

/// <summary>One webhook registration: the registered URL and the secret Vipps returned for it.</summary>
public sealed class WebhookRegistrationOptions
{
    public Uri? Url { get; set; }

    public string? Secret { get; set; }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"WebhookRegistrationOptions {{ Url = {Url}, Secret = *** }}";
}
