using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Resilience;

namespace PaymentOrchestrator.Vipps;

/// <summary>
/// Settings of the Vipps MobilePay client, bound from the configuration section <c>Vipps</c> by
/// <see cref="VippsServiceCollectionExtensions.AddVippsClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration, string)"/>
/// and validated at startup by <see cref="VippsClientOptionsValidator"/>.
/// </summary>
/// <example>
/// <code>
/// "Vipps": {
///   "Environment": "Production",
///   "PartnerKeySet": "partner",
///   "KeySets": { "partner": { "Type": "Partner", "Environment": "Production", "ClientId": "…", … } },
///   "MerchantKeySets": { "223344": "merchant-223344" },
///   "System": { "Name": "paymentorchestrator", "Version": "1.0.0" }
/// }
/// </code>
/// </example>
public sealed class VippsClientOptions
{
    /// <summary>The default configuration section.</summary>
    public const string SectionName = "Vipps";

    /// <summary>Production base address.</summary>
    public static readonly Uri ProductionBaseAddress = new("https://api.vipps.no/");

    /// <summary>Test ("MT") base address.</summary>
    public static readonly Uri TestBaseAddress = new("https://apitest.vipps.no/");

    /// <summary>The Vipps environment this deployment talks to.</summary>
    public VippsEnvironment Environment { get; set; } = VippsEnvironment.Production;

    /// <summary>Overrides the base address (e.g. the local simulator); by default it follows <see cref="Environment"/>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Named key sets (<c>Vipps:KeySets:{name}</c>).</summary>
    public Dictionary<string, VippsKeySetOptions> KeySets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The partner key set used in production for any MSN without its own entry in <see cref="MerchantKeySets"/>.</summary>
    public string? PartnerKeySet { get; set; }

    /// <summary>
    /// The key set for the Management API (Type Management or Partner). When not set, Management API calls use the
    /// partner keys (production) or an MSN's own keys. Never used to move money.
    /// </summary>
    public string? ManagementKeySet { get; set; }

    /// <summary>MSN → key-set name: the sales unit's own keys (required for every MSN in test).</summary>
    public Dictionary<string, string> MerchantKeySets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The accounting key set (Type Accounting) used for the Report API for any MSN without its own entry in
    /// <see cref="AccountingKeySetsByMsn"/>. Production only: Vipps has no settlements in test.
    /// </summary>
    public string? AccountingKeySet { get; set; }

    /// <summary>MSN → accounting key-set name, for sales units whose merchant granted access to another accounting key set.</summary>
    public Dictionary<string, string> AccountingKeySetsByMsn { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The Vipps-System-* headers.</summary>
    public VippsSystemOptions System { get; set; } = new();

    /// <summary>Retries, timeouts and circuit breaker.</summary>
    public VippsResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// How long before its expiry a cached access token is replaced. Capped at half the token's lifetime. Default 5 minutes.
    /// </summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far a webhook's x-ms-date may be from now (our replay policy). Default 5 minutes.</summary>
    public TimeSpan WebhookFreshnessWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The base address in force: <see cref="BaseAddress"/> or the one of <see cref="Environment"/>.</summary>
    public Uri EffectiveBaseAddress =>
        BaseAddress ?? (Environment == VippsEnvironment.Production ? ProductionBaseAddress : TestBaseAddress);
}
