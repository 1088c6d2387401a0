namespace PaymentOrchestrator.Local.Configuration;

/// <summary>Whether the host registers its webhook URL at start (<c>Local:Webhooks</c>).</summary>
public sealed class WebhookRegistrationSettings
{
    /// <summary>
    /// Register <c>{PublicUrl or http://127.0.0.1:port}/api/vipps/webhooks</c> partner-wide at start and keep the secret
    /// in memory. On by default with the simulator; with real Vipps the URL must be public https, so set PublicUrl.
    /// </summary>
    public bool? Register { get; set; }

    /// <summary>The public base URL Vipps reaches this host at (e.g. a tunnel); null: the local address.</summary>
    public Uri? PublicUrl { get; set; }
}
