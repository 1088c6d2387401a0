namespace PaymentOrchestrator.VippsSimulator;

/// <summary>One set of API keys: client id, client secret and two subscription keys.</summary>
public sealed class KeySetDefinition
{
    /// <summary>Partner, merchant, management or accounting.</summary>
    public KeySetType Type { get; set; } = KeySetType.Merchant;

    /// <summary>The <c>client_id</c> header value.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The <c>client_secret</c> header value.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Primary <c>Ocp-Apim-Subscription-Key</c>.</summary>
    public string PrimarySubscriptionKey { get; set; } = "";

    /// <summary>Secondary <c>Ocp-Apim-Subscription-Key</c>; both are valid at the same time.</summary>
    public string? SecondarySubscriptionKey { get; set; }

    /// <summary>For merchant keys: the one sales unit they belong to.</summary>
    public string? Msn { get; set; }

    /// <summary>
    /// For partner and management keys: the sales units linked to them. For accounting keys: the sales units whose
    /// merchant granted them access to its settlements (Report API consent).
    /// </summary>
    public List<string> LinkedMsns { get; set; } = [];
}
