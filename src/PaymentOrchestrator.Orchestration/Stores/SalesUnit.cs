using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;
using Currency = PaymentOrchestrator.Domain.Values.Currency;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// A merchant's sales unit in the registry. Events for it are applied only while it is <see cref="SalesUnitStatus.Active"/>
/// and only when their CloudEvents <c>source</c> is one of <see cref="AllowedSources"/>: a webshop cannot act for another
/// merchant; <see cref="Rights"/> narrows what each bound source may do (<see cref="SourceRights"/>). Holds no secret: <see cref="KeySetName"/> names a key set kept in configuration or Key Vault.
/// <see cref="BusinessIdentifier"/> and <see cref="Capabilities"/> are what the Vipps Management API said when the unit
/// was registered or last refreshed (null for units registered before that, or by the seeder). A disabled unit says why
/// (<see cref="DisabledReason"/>, since <see cref="DisabledSince"/>); <see cref="DisabledAsUnlinked"/> marks a unit the
/// sync disabled because Vipps no longer links it to our keys, which the sync enables again once Vipps does.
/// </summary>
public sealed record SalesUnit(
    Msn Msn,
    string Name,
    Market Market,
    VippsEnvironment Environment,
    string KeySetName,
    IReadOnlyList<string> AllowedSources,
    SalesUnitStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, SourceRights>? Rights = null,
    BusinessIdentifier? BusinessIdentifier = null,
    SalesUnitConfiguration? Capabilities = null,
    string? DisabledReason = null,
    DateTimeOffset? DisabledSince = null,
    bool DisabledAsUnlinked = false)
{
    /// <summary>
    /// The row's version (its ETag) when the unit was read from the registry, else null: a write decided from this read
    /// is refused if the row changed since (<see cref="SalesUnitStore.SaveIfUnchangedAsync"/>).
    /// </summary>
    public string? Version { get; init; }

    /// <summary>The currency of the sales unit's market; amounts in any other currency are refused.</summary>
    public Currency Currency => Market.Currency();

    public bool IsActive => Status == SalesUnitStatus.Active;

    /// <summary>Why it is disabled, with since when: <c>disabled since 2026-12-07 01:00 UTC: …</c> (null while active).</summary>
    public string? DisabledWhy => IsActive ? null
        : $"disabled since {(DisabledSince ?? UpdatedAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC: {DisabledReason ?? "disabled by hand (no reason given)"}";

    /// <summary>Ordinal comparison: <c>webshop/acme</c> is not <c>webshop/ACME</c>.</summary>
    public bool Allows(string source) => AllowedSources.Contains(source, StringComparer.Ordinal);

    /// <summary>
    /// What <paramref name="source"/> may do here: nothing when unbound; a binding without stored rights (a row from
    /// before rights existed, or a registration that names none) has every right.
    /// </summary>
    public SourceRights RightsOf(string source) =>
        !Allows(source) ? SourceRights.None
        : Rights is not null && Rights.TryGetValue(source, out var rights) ? rights
        : SourceRights.All;

    /// <summary>True when <paramref name="source"/> is bound and has every right in <paramref name="needed"/>.</summary>
    public bool May(string source, SourceRights needed) => (RightsOf(source) & needed) == needed;
}
