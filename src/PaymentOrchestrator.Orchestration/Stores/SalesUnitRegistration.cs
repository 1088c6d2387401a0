using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>What it takes to register a sales unit.</summary>
public sealed record SalesUnitRegistration(
    Msn Msn,
    string Name,
    Market Market,
    VippsEnvironment Environment,
    string KeySetName,
    IReadOnlyList<string> AllowedSources,
    SalesUnitStatus Status = SalesUnitStatus.Active,
    IReadOnlyDictionary<string, SourceRights>? Rights = null,
    BusinessIdentifier? BusinessIdentifier = null,
    SalesUnitConfiguration? Capabilities = null)
{
    /// <summary>Problems with this registration, each naming the field; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            problems.Add("name: give 1-100 characters.");
        }

        if (string.IsNullOrWhiteSpace(KeySetName))
        {
            problems.Add("keySetName: name the Vipps key set (configuration Vipps:KeySets:<name>) this sales unit uses.");
        }

        if (AllowedSources.Count == 0)
        {
            problems.Add("allowedSources: bind at least one CloudEvents source (e.g. webshop/acme); no webshop may act for an unbound sales unit.");
        }

        foreach (var source in AllowedSources)
        {
            if (string.IsNullOrWhiteSpace(source) || source.Length > 200 || source.Any(char.IsControl))
            {
                problems.Add($"allowedSources: '{source}' is not a valid source (1-200 printable characters).");
            }
        }

        foreach (var (source, _) in Rights ?? new Dictionary<string, SourceRights>())
        {
            if (!AllowedSources.Contains(source, StringComparer.Ordinal))
            {
                problems.Add($"rights: '{source}' has rights but is not bound.");
            }
        }

        return problems;
    }
}
