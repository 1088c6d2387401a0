using Microsoft.Extensions.Options;

namespace PaymentOrchestrator.Vipps.Credentials;

/// <summary>
/// Picks the key set for a call from (environment, MSN) and checks that it may do the call, before any HTTP request:
/// <list type="number">
/// <item>an MSN listed in <c>Vipps:MerchantKeySets</c> uses its own keys (always so in test);</item>
/// <item>otherwise, in production, the partner keys (<c>Vipps:PartnerKeySet</c>) act for the MSN;</item>
/// <item>otherwise there is no key set, which is a configuration error.</item>
/// </list>
/// A call without an MSN (partner-wide webhooks) needs the partner keys. Management API calls use
/// <c>Vipps:ManagementKeySet</c> (management or partner keys) when set, else the rule above. Report API calls use accounting keys only:
/// <c>Vipps:AccountingKeySetsByMsn:{msn}</c>, else <c>Vipps:AccountingKeySet</c>; never in test, where Vipps has no
/// settlements.
/// </summary>
public sealed class VippsCredentialResolver
{
    private readonly VippsEnvironment _environment;
    private readonly string _section;
    private readonly Dictionary<string, VippsKeySet> _keySets;
    private readonly Dictionary<string, string> _merchantKeySets;
    private readonly string? _partnerKeySet;
    private readonly string? _accountingKeySet;
    private readonly string? _managementKeySet;
    private readonly Dictionary<string, string> _accountingKeySetsByMsn;

    /// <summary>Builds the resolver from validated options.</summary>
    public VippsCredentialResolver(IOptions<VippsClientOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), VippsClientOptions.SectionName)
    {
    }

    internal VippsCredentialResolver(VippsClientOptions options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        _environment = options.Environment;
        _section = section;
        _keySets = options.KeySets.ToDictionary(p => p.Key, p => VippsKeySet.FromOptions(p.Key, p.Value), StringComparer.OrdinalIgnoreCase);
        _merchantKeySets = new Dictionary<string, string>(options.MerchantKeySets, StringComparer.Ordinal);
        _partnerKeySet = options.PartnerKeySet;
        _accountingKeySet = options.AccountingKeySet;
        _managementKeySet = options.ManagementKeySet;
        _accountingKeySetsByMsn = new Dictionary<string, string>(options.AccountingKeySetsByMsn, StringComparer.Ordinal);
    }

    /// <summary>The environment calls go to.</summary>
    public VippsEnvironment Environment => _environment;

    /// <summary>
    /// The key set for a call for <paramref name="msn"/> (null: partner-wide) doing <paramref name="kind"/>.
    /// Throws <see cref="VippsCredentialException"/> when there is none or it may not do the call.
    /// </summary>
    public VippsKeySet Resolve(MerchantSerialNumber? msn, VippsOperationKind kind)
    {
        var keySet = kind switch
        {
            VippsOperationKind.Report => FindAccounting(msn),
            VippsOperationKind.ManageSalesUnits when _managementKeySet is { Length: > 0 } management => Named(management, msn),
            _ => Find(msn, kind),
        };
        if (!keySet.Allows(kind))
        {
            var what = kind switch
            {
                VippsOperationKind.MoveMoney => "create, capture, refund or cancel payments, agreements or charges",
                VippsOperationKind.ManageWebhooks => "manage webhooks",
                VippsOperationKind.Report => "read settlement reports",
                VippsOperationKind.Userinfo => "read customer details (Userinfo API)",
                VippsOperationKind.ManageSalesUnits => "read sales units or send product orders (Management API)",
                _ => "call the ePayment or Recurring APIs",
            };
            var why = keySet.Type == VippsKeyType.Accounting
                ? "accounting keys give access to the Report API only"
                : kind == VippsOperationKind.Report
                    ? "only accounting keys are used for the Report API"
                    : kind == VippsOperationKind.Userinfo
                        ? "management keys can manage sales units but never read customers' personal data"
                        : "management keys can manage sales units but never move money";
            var fix = kind == VippsOperationKind.ManageSalesUnits
                ? $"Set {_section}:ManagementKeySet to management or partner keys, or leave it out to use {_section}:PartnerKeySet."
                : $"Map MSN {msn?.Value ?? "(none)"} to partner or merchant keys under {_section}:PartnerKeySet or {_section}:MerchantKeySets.";
            throw new VippsCredentialException(
                $"Key set '{keySet.Name}' ({keySet.Type}) may not {what}: {why}. No request was sent. " + fix,
                msn?.Value,
                keySet.Name);
        }

        return keySet;
    }

    private VippsKeySet FindAccounting(MerchantSerialNumber? msn)
    {
        if (_environment != VippsEnvironment.Production)
        {
            throw new VippsCredentialException(
                $"The Report API does not exist in the Vipps test environment (there are no settlements in test); {_section}:Environment is {_environment}. No request was sent.",
                msn?.Value,
                null);
        }

        if (msn is { } m && _accountingKeySetsByMsn.TryGetValue(m.Value, out var byMsn))
        {
            return Named(byMsn, msn);
        }

        if (_accountingKeySet is { Length: > 0 })
        {
            return Named(_accountingKeySet, msn);
        }

        throw new VippsCredentialException(
            $"No accounting key set for {(msn is { } unit ? "MSN " + unit.Value : "partner-wide report calls")}: the Report API takes accounting keys only. Add them under {_section}:KeySets:<name> (Type Accounting) and set {_section}:AccountingKeySet = <name> (or {_section}:AccountingKeySetsByMsn:<msn>).",
            msn?.Value,
            null);
    }

    private VippsKeySet Find(MerchantSerialNumber? msn, VippsOperationKind kind)
    {
        if (msn is { } m && _merchantKeySets.TryGetValue(m.Value, out var merchantName))
        {
            return Named(merchantName, msn);
        }

        if (_environment == VippsEnvironment.Production && _partnerKeySet is { Length: > 0 })
        {
            return Named(_partnerKeySet, msn);
        }

        var message = msn is { } unit
            ? _environment == VippsEnvironment.Test
                ? $"No key set for MSN {unit.Value} in Test. Partner keys work only in production; in test each sales unit uses its own merchant test keys: add them under {_section}:KeySets:<name> and set {_section}:MerchantKeySets:{unit.Value} = <name>."
                : $"No key set for MSN {unit.Value} in Production. Set {_section}:PartnerKeySet to the partner key set, or {_section}:MerchantKeySets:{unit.Value} to the sales unit's own key set."
            : $"A call without an MSN (partner-wide) needs partner keys, which work only in production. Set {_section}:PartnerKeySet (Environment Production){(kind == VippsOperationKind.ManageSalesUnits ? $", or {_section}:ManagementKeySet for the Management API" : "")}, or pass the MSN.";
        throw new VippsCredentialException(message, msn?.Value, null);
    }

    private VippsKeySet Named(string name, MerchantSerialNumber? msn) =>
        _keySets.TryGetValue(name, out var keySet)
            ? keySet
            : throw new VippsCredentialException($"Key set '{name}' is referenced but not defined under {_section}:KeySets.", msn?.Value, name);
}
