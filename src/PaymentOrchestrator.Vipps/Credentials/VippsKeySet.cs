namespace PaymentOrchestrator.Vipps.Credentials;

/// <summary>
/// A named, validated key set in force. Secret members are <see cref="Secret"/>s, so <see cref="ToString"/> shows only
/// the name, type and environment.
/// </summary>
public sealed class VippsKeySet
{
    /// <summary>Creates a key set; <paramref name="secondarySubscriptionKey"/> is optional.</summary>
    public VippsKeySet(string name, VippsKeyType type, VippsEnvironment environment, string clientId, Secret clientSecret, Secret subscriptionKey, Secret? secondarySubscriptionKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentNullException.ThrowIfNull(clientSecret);
        ArgumentNullException.ThrowIfNull(subscriptionKey);
        Name = name;
        Type = type;
        Environment = environment;
        ClientId = new Secret(clientId);
        ClientSecret = clientSecret;
        SubscriptionKey = subscriptionKey;
        SecondarySubscriptionKey = secondarySubscriptionKey is { IsEmpty: false } ? secondarySubscriptionKey : null;
    }

    /// <summary>The configuration name (<c>Vipps:KeySets:{Name}</c>); safe to log.</summary>
    public string Name { get; }

    /// <summary>Partner, Merchant, Management or Accounting.</summary>
    public VippsKeyType Type { get; }

    /// <summary>The environment the keys belong to.</summary>
    public VippsEnvironment Environment { get; }

    /// <summary>client_id. Treated as a secret too: it is half of the login.</summary>
    public Secret ClientId { get; }

    /// <summary>client_secret.</summary>
    public Secret ClientSecret { get; }

    /// <summary>Primary subscription key.</summary>
    public Secret SubscriptionKey { get; }

    /// <summary>Secondary subscription key, if configured.</summary>
    public Secret? SecondarySubscriptionKey { get; }

    /// <summary>Whether these keys may be used for <paramref name="kind"/> (vipps-api-notes §8).</summary>
    public bool Allows(VippsOperationKind kind) => (Type, kind) switch
    {
        (VippsKeyType.Accounting, VippsOperationKind.Report) => true,
        (VippsKeyType.Accounting, _) => false,
        (_, VippsOperationKind.Report) => false,
        (VippsKeyType.Management, VippsOperationKind.MoveMoney) => false,
        (VippsKeyType.Management, VippsOperationKind.Userinfo) => false,
        _ => true,
    };

    /// <inheritdoc />
    public override string ToString() => $"VippsKeySet {{ Name = {Name}, Type = {Type}, Environment = {Environment} }}";

    internal static VippsKeySet FromOptions(string name, VippsKeySetOptions options) => new(
        name,
        options.Type,
        options.Environment,
        options.ClientId ?? "",
        new Secret(options.ClientSecret ?? ""),
        new Secret(options.SubscriptionKey ?? ""),
        string.IsNullOrEmpty(options.SecondarySubscriptionKey) ? null : new Secret(options.SecondarySubscriptionKey));
}
