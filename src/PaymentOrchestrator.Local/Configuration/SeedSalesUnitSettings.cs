using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Local.Configuration;

/// <summary>The sales unit seeded into an empty registry (<c>Local:SeedSalesUnit</c>).</summary>
public sealed class SeedSalesUnitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>The simulator's Norwegian sales unit, linked to its partner keys.</summary>
    public string Msn { get; set; } = "123456";

    public string Name { get; set; } = "Demo Coffee Roasters";

    public Market Market { get; set; } = Market.Norway;

    public string KeySetName { get; set; } = "partner";

    /// <summary>
    /// Bindings as <c>source</c> or <c>source:rights</c> (as <c>sales-units add --source</c> takes them). Null:
    /// <c>webshop/demo</c> with the webshop's rights and <c>finance/demo</c> with finance's.
    /// </summary>
    public List<string>? AllowedSources { get; set; }

    public IReadOnlyList<string> EffectiveSources => AllowedSources is { Count: > 0 } s ? s : [LocalDefaults.WebshopSource, LocalDefaults.FinanceSource];
}
