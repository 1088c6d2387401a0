using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Local.Configuration;

/// <summary>
/// The sales unit seeded into an empty registry (<c>Local:SeedSalesUnit</c>), registered like <c>sales-units add</c>:
/// its name, business identifier and capabilities come from the Vipps Management API.
/// </summary>
public sealed class SeedSalesUnitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>The simulator's Norwegian sales unit, linked to its partner keys.</summary>
    public string Msn { get; set; } = "123456";

    /// <summary>Its market when Vipps' business identifier does not say it (null: from the business identifier).</summary>
    public Market? Market { get; set; }

    public string KeySetName { get; set; } = "partner";

    /// <summary>
    /// Bindings as <c>source</c> or <c>source:rights</c> (as <c>sales-units add --source</c> takes them). Null:
    /// <c>webshop/demo</c> with the webshop's rights and <c>finance/demo</c> with finance's.
    /// </summary>
    public List<string>? AllowedSources { get; set; }

    public IReadOnlyList<string> EffectiveSources => AllowedSources is { Count: > 0 } s ? s : [LocalDefaults.WebshopSource, LocalDefaults.FinanceSource];
}
