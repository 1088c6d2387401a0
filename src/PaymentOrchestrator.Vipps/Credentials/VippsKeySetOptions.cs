namespace PaymentOrchestrator.Vipps.Credentials;

/// <summary>
/// One named key set as bound from configuration (<c>Vipps:KeySets:{name}</c>). The secret values come from user
/// secrets, environment variables or Key Vault references, never from a checked-in file. <see cref="ToString"/> is
/// redacted.
/// </summary>
public sealed class VippsKeySetOptions
{
    /// <summary>Partner, Merchant, Management or Accounting.</summary>
    public VippsKeyType Type { get; set; } = VippsKeyType.Merchant;

    /// <summary>The environment these keys belong to; keys of the other environment are refused at startup.</summary>
    public VippsEnvironment Environment { get; set; } = VippsEnvironment.Production;

    /// <summary>client_id from the business portal.</summary>
    public string? ClientId { get; set; }

    /// <summary>client_secret from the business portal.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Primary Ocp-Apim-Subscription-Key.</summary>
    public string? SubscriptionKey { get; set; }

    /// <summary>Secondary Ocp-Apim-Subscription-Key, used when Vipps rejects the primary (rotation without downtime).</summary>
    public string? SecondarySubscriptionKey { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"VippsKeySetOptions {{ Type = {Type}, Environment = {Environment}, ClientId = {(string.IsNullOrEmpty(ClientId) ? "(empty)" : "***")}, ClientSecret = ***, SubscriptionKey = ***, SecondarySubscriptionKey = *** }}";
}
