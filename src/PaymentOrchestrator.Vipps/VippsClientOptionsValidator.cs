using Microsoft.Extensions.Options;
using PaymentOrchestrator.Vipps.Credentials;

namespace PaymentOrchestrator.Vipps;

/// <summary>
/// Startup validation of <see cref="VippsClientOptions"/>. Each message names the setting by its configuration path and
/// says how to fix it. Secret values are never echoed.
/// </summary>
public sealed class VippsClientOptionsValidator : IValidateOptions<VippsClientOptions>
{
    private const int MaxHeaderLength = 30;
    private static readonly TimeSpan PollyMinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan PollyMinimumBreakerWindow = TimeSpan.FromMilliseconds(500);
    private readonly string _section;

    /// <summary>Validates the section <see cref="VippsClientOptions.SectionName"/>.</summary>
    public VippsClientOptionsValidator()
        : this(VippsClientOptions.SectionName)
    {
    }

    /// <summary>Validates options bound from <paramref name="sectionPath"/> (used in messages).</summary>
    public VippsClientOptionsValidator(string sectionPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionPath);
        _section = sectionPath;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, VippsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        ValidateKeySets(options, errors);
        ValidateRouting(options, errors);
        ValidateSystem(options, errors);
        ValidateResilience(options, errors);
        if (options.BaseAddress is { } baseAddress && (!baseAddress.IsAbsoluteUri || baseAddress.Scheme is not ("https" or "http")))
        {
            errors.Add($"{_section}:BaseAddress must be an absolute http(s) URL such as https://api.vipps.no/ (or leave it out to follow {_section}:Environment).");
        }

        if (options.TokenRefreshMargin < TimeSpan.Zero)
        {
            errors.Add($"{_section}:TokenRefreshMargin must not be negative; use e.g. 00:05:00.");
        }

        if (options.WebhookFreshnessWindow <= TimeSpan.Zero)
        {
            errors.Add($"{_section}:WebhookFreshnessWindow must be positive; use e.g. 00:05:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateKeySets(VippsClientOptions options, List<string> errors)
    {
        if (options.KeySets.Count == 0)
        {
            errors.Add($"{_section}:KeySets is empty. Add at least one key set, e.g. {_section}:KeySets:partner:ClientId, :ClientSecret, :SubscriptionKey, :Type and :Environment (secrets from user secrets or Key Vault).");
            return;
        }

        foreach (var (keySetName, keySet) in options.KeySets)
        {
            var path = $"{_section}:KeySets:{keySetName}";
            if (keySet is null)
            {
                errors.Add($"{path} is empty. Give it ClientId, ClientSecret, SubscriptionKey, Type and Environment.");
                continue;
            }

            RequireSecret(keySet.ClientId, $"{path}:ClientId", errors);
            RequireSecret(keySet.ClientSecret, $"{path}:ClientSecret", errors);
            RequireSecret(keySet.SubscriptionKey, $"{path}:SubscriptionKey", errors);
            if (!Enum.IsDefined(keySet.Type))
            {
                errors.Add($"{path}:Type must be Partner, Merchant, Management or Accounting.");
            }

            if (keySet.Type == VippsKeyType.Partner && keySet.Environment != VippsEnvironment.Production)
            {
                errors.Add($"{path} is a Partner key set with Environment {keySet.Environment}. Partner keys work only in production: set {path}:Environment to Production, and use each sales unit's own merchant keys in test.");
            }

            if (!string.IsNullOrEmpty(keySet.SecondarySubscriptionKey) && string.Equals(keySet.SecondarySubscriptionKey, keySet.SubscriptionKey, StringComparison.Ordinal))
            {
                errors.Add($"{path}:SecondarySubscriptionKey equals {path}:SubscriptionKey. Use the other key from the portal, or leave the secondary out.");
            }
        }
    }

    private void ValidateRouting(VippsClientOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.PartnerKeySet) && options.MerchantKeySets.Count == 0)
        {
            errors.Add($"No sales unit can be called: set {_section}:PartnerKeySet (production) or map MSNs to their own keys with {_section}:MerchantKeySets:<msn> = <key set name>.");
        }

        if (!string.IsNullOrWhiteSpace(options.PartnerKeySet))
        {
            var path = $"{_section}:PartnerKeySet";
            if (!options.KeySets.TryGetValue(options.PartnerKeySet, out var partner) || partner is null)
            {
                errors.Add($"{path} names '{options.PartnerKeySet}', but there is no {_section}:KeySets:{options.PartnerKeySet}. Add that key set or fix the name.");
            }
            else if (partner.Type != VippsKeyType.Partner)
            {
                errors.Add($"{path} names '{options.PartnerKeySet}', whose Type is {partner.Type}. It must be a Partner key set ({_section}:KeySets:{options.PartnerKeySet}:Type = Partner).");
            }

            if (options.Environment != VippsEnvironment.Production)
            {
                errors.Add($"{path} is set while {_section}:Environment is {options.Environment}. Partner keys work only in production: remove {path} for test and map each MSN to its own test keys under {_section}:MerchantKeySets.");
            }
        }

        ValidateAccounting(options, errors);
        ValidateManagement(options, errors);
        foreach (var (msn, keySetName) in options.MerchantKeySets)
        {
            var path = $"{_section}:MerchantKeySets:{msn}";
            if (!MerchantSerialNumber.TryCreate(msn, out _))
            {
                errors.Add($"{path}: '{msn}' is not a merchant serial number (4 to 6 digits).");
            }

            if (string.IsNullOrWhiteSpace(keySetName) || !options.KeySets.TryGetValue(keySetName, out var keySet) || keySet is null)
            {
                errors.Add($"{path} names '{keySetName}', but there is no {_section}:KeySets:{keySetName}. Add that key set or fix the name.");
                continue;
            }

            if (keySet.Environment != options.Environment)
            {
                errors.Add($"{path} names '{keySetName}', whose Environment is {keySet.Environment}, but {_section}:Environment is {options.Environment}. Test and production keys are not interchangeable: map the MSN to keys of {options.Environment}.");
            }
        }
    }

    private void ValidateAccounting(VippsClientOptions options, List<string> errors)
    {
        var named = options.AccountingKeySetsByMsn.Select(p => ($"{_section}:AccountingKeySetsByMsn:{p.Key}", p.Key, p.Value)).ToList();
        if (!string.IsNullOrWhiteSpace(options.AccountingKeySet))
        {
            named.Insert(0, ($"{_section}:AccountingKeySet", null!, options.AccountingKeySet));
        }

        if (named.Count > 0 && options.Environment != VippsEnvironment.Production)
        {
            errors.Add($"Accounting keys are configured while {_section}:Environment is {options.Environment}. The Report API does not exist in the Vipps test environment (no settlements there): remove {_section}:AccountingKeySet and {_section}:AccountingKeySetsByMsn for test.");
        }

        foreach (var (path, msn, keySetName) in named)
        {
            if (msn is not null && !MerchantSerialNumber.TryCreate(msn, out _))
            {
                errors.Add($"{path}: '{msn}' is not a merchant serial number (4 to 6 digits).");
            }

            if (string.IsNullOrWhiteSpace(keySetName) || !options.KeySets.TryGetValue(keySetName, out var keySet) || keySet is null)
            {
                errors.Add($"{path} names '{keySetName}', but there is no {_section}:KeySets:{keySetName}. Add that key set or fix the name.");
            }
            else if (keySet.Type != VippsKeyType.Accounting)
            {
                errors.Add($"{path} names '{keySetName}', whose Type is {keySet.Type}. The Report API is called with accounting keys only ({_section}:KeySets:{keySetName}:Type = Accounting).");
            }
        }
    }

    private void ValidateManagement(VippsClientOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.ManagementKeySet))
        {
            return;
        }

        var path = $"{_section}:ManagementKeySet";
        var name = options.ManagementKeySet;
        if (!options.KeySets.TryGetValue(name, out var keySet) || keySet is null)
        {
            errors.Add($"{path} names '{name}', but there is no {_section}:KeySets:{name}. Add that key set or fix the name.");
        }
        else if (keySet.Type is not (VippsKeyType.Management or VippsKeyType.Partner))
        {
            errors.Add($"{path} names '{name}', whose Type is {keySet.Type}. The Management API is called with management or partner keys ({_section}:KeySets:{name}:Type = Management).");
        }
        else if (keySet.Environment != options.Environment)
        {
            errors.Add($"{path} names '{name}', whose Environment is {keySet.Environment}, but {_section}:Environment is {options.Environment}. Use keys of {options.Environment}.");
        }
    }

    private void ValidateSystem(VippsClientOptions options, List<string> errors)
    {
        var system = options.System ?? new VippsSystemOptions();
        CheckLength(system.Name, "Name");
        CheckLength(system.Version, "Version");
        CheckLength(system.PluginName, "PluginName");
        CheckLength(system.PluginVersion, "PluginVersion");
        if (!string.IsNullOrWhiteSpace(options.PartnerKeySet))
        {
            if (string.IsNullOrWhiteSpace(system.Name))
            {
                errors.Add($"{_section}:System:Name is required with partner keys (Vipps-System-Name is mandatory for partners); e.g. 'paymentorchestrator'.");
            }

            if (string.IsNullOrWhiteSpace(system.Version))
            {
                errors.Add($"{_section}:System:Version is required with partner keys (Vipps-System-Version is mandatory for partners); e.g. '1.0.0'.");
            }
        }

        void CheckLength(string? value, string key)
        {
            if (value is { Length: > MaxHeaderLength })
            {
                errors.Add($"{_section}:System:{key} is {value.Length} characters; Vipps allows at most {MaxHeaderLength}. Shorten it.");
            }
        }
    }

    private void ValidateResilience(VippsClientOptions options, List<string> errors)
    {
        var r = options.Resilience ?? new Resilience.VippsResilienceOptions();
        var path = $"{_section}:Resilience";
        if (r.MaxRetryAttempts is < 0 or > 10)
        {
            errors.Add($"{path}:MaxRetryAttempts is {r.MaxRetryAttempts}; use 0 (no retries) to 10.");
        }

        if (r.BaseDelay <= TimeSpan.Zero || r.BaseDelay > r.MaxDelay)
        {
            errors.Add($"{path}:BaseDelay must be positive and at most {path}:MaxDelay (now {r.BaseDelay} and {r.MaxDelay}).");
        }

        if (r.MaxDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"{path}:MaxDelay must be at most one day.");
        }

        if (r.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add($"{path}:MaxRetryAfter must not be negative; use e.g. 00:00:30.");
        }

        if (r.AttemptTimeout < PollyMinimumTimeout || r.TotalTimeout < PollyMinimumTimeout || r.AttemptTimeout > TimeSpan.FromDays(1) || r.TotalTimeout > TimeSpan.FromDays(1))
        {
            errors.Add($"{path}:AttemptTimeout and {path}:TotalTimeout must be between 10 ms and one day (now {r.AttemptTimeout} and {r.TotalTimeout}).");
        }
        else if (r.AttemptTimeout > r.TotalTimeout)
        {
            errors.Add($"{path}:AttemptTimeout ({r.AttemptTimeout}) is longer than {path}:TotalTimeout ({r.TotalTimeout}); the total must cover at least one attempt.");
        }

        var cb = r.CircuitBreaker ?? new Resilience.VippsCircuitBreakerOptions();
        if (cb.Enabled)
        {
            if (cb.FailureRatio is <= 0 or > 1)
            {
                errors.Add($"{path}:CircuitBreaker:FailureRatio is {cb.FailureRatio}; use a value above 0 and at most 1, e.g. 0.5.");
            }

            if (cb.MinimumThroughput < 2)
            {
                errors.Add($"{path}:CircuitBreaker:MinimumThroughput is {cb.MinimumThroughput}; use at least 2.");
            }

            if (cb.SamplingDuration < PollyMinimumBreakerWindow || cb.BreakDuration < PollyMinimumBreakerWindow)
            {
                errors.Add($"{path}:CircuitBreaker:SamplingDuration and :BreakDuration must be at least 500 ms (now {cb.SamplingDuration} and {cb.BreakDuration}).");
            }
        }
    }

    private static void RequireSecret(string? value, string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{path} is empty. Set it from user secrets (dotnet user-secrets set \"{path}\" <value>), an environment variable ({path.Replace(":", "__", StringComparison.Ordinal)}) or a Key Vault reference; never in a checked-in file.");
        }
    }
}
